/* table_ext.h - what the generic table (lib/table.c) offers the modules
 * built on it (lib/table_codes.c): one slot of module state per table, freed
 * with the table.  Internal, not installed. */
#ifndef NXMSG_TABLE_EXT_H
#define NXMSG_TABLE_EXT_H

#include "nxmsg.h"

/* Attach ext to t; nxmsg_table_free calls free_ext(ext). */
void nxmsg__table_set_ext(nxmsg_table *t, void *ext, void (*free_ext)(void *));

/* The state attached to t with this free_ext (which identifies the
 * module), or NULL. */
void *nxmsg__table_ext(const nxmsg_table *t, void (*free_ext)(void *));

#endif
