// The public headers compile as C++ and their functions link with C linkage.
#include <gbo/gbo.h>

#include <cstdio>
#include <cstring>

int main()
{
    gbo_error err;
    gbo_entity *person = gbo_entity_new(GBO_KIND_PERSON, &err);
    if (!person)
        return 1;
    gbo_status status = gbo_entity_set(person, GBO_PERSON_GIVEN_NAME, "Anna", &err);
    bool ok = status == GBO_OK &&
              std::strcmp(gbo_entity_get(person, GBO_PERSON_GIVEN_NAME), "Anna") == 0 &&
              std::strcmp(gbo_version(), GBO_VERSION_STRING) == 0;
    gbo_entity_free(person);
    std::printf("%s: C++ program linked against libgbo %s\n", ok ? "PASS" : "FAIL", gbo_version());
    return ok ? 0 : 1;
}
