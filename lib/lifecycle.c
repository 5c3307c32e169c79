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

gbo_step gbo_lifecycle_step(const char *from, const char *to, gbo_poster poster)
{
    if (gbo_lifecycle_rank(from) < 0 || gbo_lifecycle_rank(to) < 0)
        return GBO_STEP_UNKNOWN_STATUS;
    if (gbo_lifecycle_is_terminal(from))
        return GBO_STEP_TRANSITION;
    if (strcmp(to, "cancelled") == 0)
        return poster == GBO_POSTER_SENDER ? GBO_STEP_ALLOWED : GBO_STEP_POSTER;
    if (strcmp(to, "withdrawn") == 0)
        return poster == GBO_POSTER_OTHER ? GBO_STEP_POSTER : GBO_STEP_ALLOWED;
    for (size_t i = 0; i < sizeof recipient_steps / sizeof *recipient_steps; i++)
        if (strcmp(recipient_steps[i].from, from) == 0 && strcmp(recipient_steps[i].to, to) == 0)
            return poster == GBO_POSTER_RECIPIENT ? GBO_STEP_ALLOWED : GBO_STEP_POSTER;
    return GBO_STEP_TRANSITION;
}

bool gbop_lifecycle_poster_allowed(const char *to, gbo_poster poster)
{
    if (strcmp(to, "cancelled") == 0)
        return poster == GBO_POSTER_SENDER;
    if (strcmp(to, "withdrawn") == 0)
        return poster != GBO_POSTER_OTHER;
    return poster == GBO_POSTER_RECIPIENT;
}

gbo_poster gbop_lifecycle_poster(const char *by, const char *sender, const char *recipient)
{
    if (by && recipient && strcmp(by, recipient) == 0)
        return GBO_POSTER_RECIPIENT;
    if (by && sender && strcmp(by, sender) == 0)
        return GBO_POSTER_SENDER;
    return GBO_POSTER_OTHER;
}
