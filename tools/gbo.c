/* gbo — command-line tool: validate GBO exchange files, explain rules, list
 * code lists, print the canonical form. See gbo(1). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int main(int argc, char **argv)
{
    int rc = gbo_cli_main(argc, argv, stdin, stdout, stderr);
    /* what the last flush could not tell (a file system that reports at close) */
    if (fclose(stdout) != 0 && rc != GBO_EXIT_USAGE) {
        fprintf(stderr, "gbo: the output could not be written: %s\n", strerror(errno));
        rc = GBO_EXIT_USAGE;
    }
    return rc;
}
