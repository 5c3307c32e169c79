/* placeholder: being written */
#include "test_helpers.h"
static const gbo_test tests[] = { { NULL, NULL } };
int main(void) { return gbo_test_main("stats", tests); }
