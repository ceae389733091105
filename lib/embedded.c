/* embedded.c - the languages compiled into the library (configure
 * --enable-embedded-catalogs; tables generated from po/<lang>.po by po/po2c.awk). */
#include <config.h>

#include "internal.h"

const char *nxmsg_embedded_language(size_t index)
{
#ifdef NXMSG_EMBEDDED_CATALOGS
    for (size_t i = 0; nxmsg__embedded[i].tag; i++)
        if (i == index)
            return nxmsg__embedded[i].tag;
#else
    (void)index;
#endif
    return NULL;
}
