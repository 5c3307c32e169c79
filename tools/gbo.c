/* gbo — command-line tool: validate GBO exchange files, explain rules, list
 * code lists, print the canonical form. See gbo(1). */
#include "config.h"

#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
    return gbo_cli_main(argc, argv, stdin, stdout, stderr);
}
