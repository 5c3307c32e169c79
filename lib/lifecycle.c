/* libgbo — the referral lifecycle's transition table (SPEC §2.6): which
 * status may follow which, and who may post it. */
#include "config.h"

#include <string.h>

#include "lifecycle_internal.h"

/* The statuses in table order: the order of updates at equal times. */
static const char *const statuses[] = { "sent", "received", "accepted", "declined", "first-contact",
                                        "in-progress", "completed", "returned", "cancelled",
                                        "withdrawn" };

/* The transitions the recipient posts; cancelled (sender) and withdrawn
 * (either) may follow any status that is not terminal. */
static const struct {
    const char *from, *to;
} recipient_steps[] = {
    { "sent", "received" },          { "sent", "accepted" },         { "sent", "declined" },
    { "received", "accepted" },      { "received", "declined" },
    { "accepted", "first-contact" }, { "accepted", "in-progress" },  { "accepted", "completed" },
    { "accepted", "returned" },
    { "first-contact", "in-progress" }, { "first-contact", "completed" },
    { "first-contact", "returned" },
    { "in-progress", "in-progress" }, { "in-progress", "completed" }, { "in-progress", "returned" },
};

int gbo_lifecycle_rank(const char *status)
{
    for (int i = 0; status && i < (int)(sizeof statuses / sizeof *statuses); i++)
        if (strcmp(status, statuses[i]) == 0)
            return i;
    return -1;
}

bool gbo_lifecycle_is_terminal(const char *status)
{
    static const char *const terminal[] = { "declined", "completed", "returned", "cancelled",
                                            "withdrawn" };
    for (size_t i = 0; status && i < sizeof terminal / sizeof *terminal; i++)
        if (strcmp(status, terminal[i]) == 0)
            return true;
    return false;
}

/* Who may post `to`, a status that the table lets follow: cancelled the
 * sender, withdrawn either party, every other status the recipient. */
static bool may_post(const char *to, gbo_poster poster)
{
    if (strcmp(to, "cancelled") == 0)
        return poster == GBO_POSTER_SENDER;
    if (strcmp(to, "withdrawn") == 0)
        return poster != GBO_POSTER_OTHER;
    return poster == GBO_POSTER_RECIPIENT;
}

gbo_step gbo_lifecycle_step(const char *from, const char *to, gbo_poster poster)
{
    bool listed = false;
    if (gbo_lifecycle_rank(from) < 0 || gbo_lifecycle_rank(to) < 0)
        return GBO_STEP_UNKNOWN_STATUS;
    if (gbo_lifecycle_is_terminal(from))
        return GBO_STEP_TRANSITION;
    listed = strcmp(to, "cancelled") == 0 || strcmp(to, "withdrawn") == 0;
    for (size_t i = 0; !listed && i < sizeof recipient_steps / sizeof *recipient_steps; i++)
        listed = strcmp(recipient_steps[i].from, from) == 0 && strcmp(recipient_steps[i].to, to) == 0;
    if (!listed)
        return GBO_STEP_TRANSITION;
    return may_post(to, poster) ? GBO_STEP_ALLOWED : GBO_STEP_POSTER;
}

unsigned gbop_lifecycle_roles(const char *by, const char *sender, const char *recipient)
{
    unsigned roles = 0;
    if (by && sender && strcmp(by, sender) == 0)
        roles |= GBOP_ROLE_SENDER;
    if (by && recipient && strcmp(by, recipient) == 0)
        roles |= GBOP_ROLE_RECIPIENT;
    return roles;
}

bool gbop_lifecycle_may_post(const char *to, unsigned roles)
{
    if (!roles)
        return may_post(to, GBO_POSTER_OTHER);
    return ((roles & GBOP_ROLE_SENDER) && may_post(to, GBO_POSTER_SENDER)) ||
           ((roles & GBOP_ROLE_RECIPIENT) && may_post(to, GBO_POSTER_RECIPIENT));
}

gbo_step gbop_lifecycle_step_roles(const char *from, const char *to, unsigned roles)
{
    gbo_step step = gbo_lifecycle_step(from, to, GBO_POSTER_OTHER);
    if (step != GBO_STEP_POSTER && step != GBO_STEP_ALLOWED)
        return step;
    return gbop_lifecycle_may_post(to, roles) ? GBO_STEP_ALLOWED : GBO_STEP_POSTER;
}
