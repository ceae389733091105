/* checkmain.c - the one main() of the Check programs: runs the program's
 * suite (check_program, tests/checkmain.h) and exits with EXIT_FAILURE when
 * a test failed. */
#include <config.h>

#include <locale.h>
#include <stdlib.h>

#include "checkmain.h"

int main(void)
{
    SRunner *sr;
    int failed;

    if (check_program.locale)
        setlocale(LC_ALL, check_program.locale);
    sr = srunner_create(check_program.suite());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (check_program.cleanup)
        check_program.cleanup();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
