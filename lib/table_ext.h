/* table_ext.h - what the generic table (lib/table.c) offers the modules
 * built on it (lib/table_codes.c): one slot of module state per table, freed
 * with the table; and the code tables' language headers, shared with the
 * CLI.  Internal, not installed. */
#ifndef NXMSG_TABLE_EXT_H
#define NXMSG_TABLE_EXT_H

#include "nxmsg.h"

/* Attach ext to t; nxmsg_table_free calls free_ext(ext). */
void nxmsg__table_set_ext(nxmsg_table *t, void *ext, void (*free_ext)(void *));

/* The state attached to t with this free_ext (which identifies the
 * module), or NULL. */
void *nxmsg__table_ext(const nxmsg_table *t, void (*free_ext)(void *));

/* The header of a description column in language lang (lib/table_codes.c):
 * "English" or "Japanese" when lang's language is en or ja ("en",
 * "ja_JP.UTF-8"), "Description" for NULL (the environment), else lang.
 * Exported for the CLI's tables; not part of the API. */
NXMSG_API const char *nxmsg__lang_header(const char *lang);

#endif
