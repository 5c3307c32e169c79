/* The referral lifecycle (SPEC §2.6, rules GBO-R004 and GBO-R006): the
 * transition table and who may post each status, histories rebuilt from
 * many documents delivered in any order, acknowledgements (retour) and the
 * propagation of a consent withdrawal.
 *
 * Every document is built here as XML text, read with the exchange reader
 * and (unless a test says otherwise) checked to validate without errors, so
 * the history sees what a real partner would send. Organisations:
 *   S  OCMW Gent, the sender of the referrals (and the partner P of the
 *      propagation tests)
 *   R  CAW Oost-Vlaanderen, their recipient
 *   O  DMW Ziekenfonds, an organisation that is neither. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

#include "test_helpers.h"

#define ORG_S "550b9aac-1c8a-442c-8a39-35a440b71211"
#define ORG_R "e5240f7d-20e5-4481-bb0c-727090662b66"
#define ORG_O "ab09e848-421d-49fb-9d4e-4933c69672f1"
/* more organisations for the propagation tests */
#define ORG_HOME "e2b171b6-2dc1-4bac-ae4f-e6630f5d72ed"
#define ORG_CLB "384b4784-2d7b-4020-aaa8-63d2a73acac3"
#define ORG_INSURER "732e948a-9d12-470e-904e-3234c40b2b55"
#define ORG_SCHOOL "77972dad-24bc-4c64-8ddc-3ee203fea1b8"
#define ORG_GP "d28b2375-ff07-45c3-9f2f-bda9a260cd4d"

#define PERSON "95f87307-a537-4c62-8060-ca7b2cea3179"
#define FAMILY_NAME "Vandenbroucke"
#define CONSENT "f0ed35e9-727c-46d0-98aa-de2adad1394d"
#define CONSENT_2 "22b040f6-d6c9-42bf-99e5-0f84c8de08ac"

#define REF_A "54c370e2-10c1-49a3-86d5-7ba68fe2c17d"
#define REF_B "51550afa-932f-4ec9-a242-b37549e0bd3a"
#define REF_C "7bb74455-315b-421c-b18a-7c302367a7a2"
#define REF_D "8d967958-ca91-4713-b25f-4b95f7aa6e24"
#define REF_DOC "c51aec8f-e6c3-4267-b7d4-60288fe763f6" /* the document carrying REF_A */

/* ---- helpers --------------------------------------------------------------- */

/* Deterministic, real-looking version-4 UUIDs: uid(n) is the same string
 * for the same n for the whole run. */
static const char *uid(unsigned n)
{
    static char ids[512][37];
    static bool filled[512];
    uint64_t x, hi, lo;
    CU_ASSERT_FATAL(n < 512);
    if (!filled[n]) {
        x = 0x9e3779b97f4a7c15ULL * (n + 1);
        hi = (x ^ (x >> 31)) * 0xbf58476d1ce4e5b9ULL;
        hi ^= hi >> 27;
        lo = (hi ^ (hi >> 29)) * 0x94d049bb133111ebULL;
        lo ^= lo >> 31;
        snprintf(ids[n], sizeof ids[n], "%08x-%04x-4%03x-%x%03x-%012llx", (unsigned)(hi >> 32),
                 (unsigned)(hi >> 16) & 0xffffu, (unsigned)hi & 0xfffu, 8u + (unsigned)(lo >> 62),
                 (unsigned)(lo >> 48) & 0xfffu, (unsigned long long)(lo & 0xffffffffffffULL));
        filled[n] = true;
    }
    return ids[n];
}

typedef struct sbuf {
    char *s;
    size_t len, cap;
} sbuf;

__attribute__((format(printf, 2, 3))) static void add(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    CU_ASSERT_FATAL(n >= 0);
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        CU_ASSERT_PTR_NOT_NULL_FATAL(b->s);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static const struct {
    const char *id, *name, *kind;
} directory[] = {
    { ORG_S, "OCMW Gent – Sociale dienst", "local-social-service" },
    { ORG_R, "CAW Oost-Vlaanderen", "caw" },
    { ORG_O, "Dienst Maatschappelijk Werk – Ziekenfonds Oost-Vlaanderen", "dmw" },
    { ORG_HOME, "Thuiszorg Scheldeland vzw – dienst gezinszorg", "home-care" },
    { ORG_CLB, "CLB Gent", "clb" },
    { ORG_INSURER, "Liberale Mutualiteit Oost-Vlaanderen", "health-insurer" },
    { ORG_SCHOOL, "Basisschool De Knotwilg", "school" },
    { ORG_GP, "Huisartsenpraktijk Ledeberg", "gp" },
};

static void organisation(sbuf *b, const char *id)
{
    for (size_t i = 0; i < sizeof directory / sizeof *directory; i++)
        if (strcmp(directory[i].id, id) == 0) {
            add(b, "  <organisation id=\"%s\">\n    <name>%s</name>\n    <kind>%s</kind>\n  </organisation>\n",
                id, directory[i].name, directory[i].kind);
            return;
        }
    CU_FAIL_FATAL("organisation not in the test directory");
}

static void header(sbuf *b, const char *doc_id, const char *created, const char *sender, const char *recipient)
{
    add(b,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<exchange xmlns=\"urn:gbo:exchange:1\" version=\"1.0\" id=\"%s\">\n"
        "  <header>\n    <createdAt>%s</createdAt>\n    <sender>%s</sender>\n"
        "    <recipient>%s</recipient>\n    <codeListVersion>2026.1</codeListVersion>\n  </header>\n",
        doc_id, created, sender, recipient);
}

/* The client and a consent recorded by `recorder` that covers everything. */
static void person_and_consent(sbuf *b, const char *consent, const char *recorder)
{
    add(b,
        "  <person id=\"" PERSON "\">\n    <givenName>Sébastien</givenName>\n"
        "    <familyName>" FAMILY_NAME "</familyName>\n  </person>\n"
        "  <consent id=\"%s\">\n    <subject ref=\"" PERSON "\"/>\n    <grantor>client</grantor>\n"
        "    <recordedBy>\n      <organisation ref=\"%s\"/>\n    </recordedBy>\n    <form>oral</form>\n"
        "    <givenAt>2025-03-01T10:00:00Z</givenAt>\n"
        "    <informed>\n      <prior>true</prior>\n      <knowsWhat>true</knowsWhat>\n"
        "      <knowsWhy>true</knowsWhy>\n      <knowsToWhom>true</knowsToWhom>\n"
        "      <knowsWhatHappens>true</knowsWhatHappens>\n      <knowsCanWithdraw>true</knowsCanWithdraw>\n"
        "    </informed>\n    <validFrom>2025-03-01</validFrom>\n"
        "    <provision>\n      <type>permit</type>\n    </provision>\n  </consent>\n",
        consent, recorder);
}

typedef struct ref_spec {
    const char *id, *created;
} ref_spec;

/* A document from `from` to `to` carrying `n` referrals under `consent`. */
static char *referral_doc(const char *doc_id, const char *created, const char *from, const char *to,
                          const char *consent, size_t n, const ref_spec *r)
{
    sbuf b = { NULL, 0, 0 };
    header(&b, doc_id, created, from, to);
    organisation(&b, from);
    organisation(&b, to);
    person_and_consent(&b, consent, from);
    for (size_t i = 0; i < n; i++)
        add(&b,
            "  <referral id=\"%s\">\n    <createdAt>%s</createdAt>\n    <kind>warm-referral</kind>\n"
            "    <from>\n      <organisation ref=\"%s\"/>\n    </from>\n"
            "    <to>\n      <organisation ref=\"%s\"/>\n    </to>\n"
            "    <subject ref=\"" PERSON "\"/>\n    <consent ref=\"%s\"/>\n"
            "    <helpQuestion>Ik moet eind mei uit mijn appartement en zoek hulp om een andere woning te vinden.</helpQuestion>\n"
            "    <urgency>normal</urgency>\n  </referral>\n",
            r[i].id, r[i].created, from, to, consent);
    add(&b, "</exchange>\n");
    return b.s;
}

/* The referral S sends R: REF_A, created 2025-03-12T09:05:00Z, in REF_DOC. */
static char *referral_a(void)
{
    const ref_spec a = { REF_A, "2025-03-12T09:05:00Z" };
    return referral_doc(REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_R, CONSENT, 1, &a);
}

typedef struct upd {
    const char *id, *referral, *at, *by, *status;
} upd;

/* A document from `sender` to `recipient` carrying status updates about
 * referrals S sent; created at the latest update's time. */
static char *updates_doc(const char *doc_id, const char *sender, const char *recipient, size_t n, const upd *u)
{
    sbuf b = { NULL, 0, 0 };
    const char *created = u[0].at;
    for (size_t i = 1; i < n; i++)
        if (strcmp(u[i].at, created) > 0)
            created = u[i].at;
    header(&b, doc_id, created, sender, recipient);
    organisation(&b, sender);
    for (size_t i = 0; i < n; i++) {
        bool seen = strcmp(u[i].by, sender) == 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(u[j].by, u[i].by) == 0;
        if (!seen)
            organisation(&b, u[i].by);
    }
    for (size_t i = 0; i < n; i++) {
        add(&b,
            "  <statusUpdate id=\"%s\">\n    <referral ref=\"%s\" issuer=\"" ORG_S "\"/>\n"
            "    <at>%s</at>\n    <by ref=\"%s\"/>\n    <status>%s</status>\n",
            u[i].id, u[i].referral, u[i].at, u[i].by, u[i].status);
        if (strcmp(u[i].status, "declined") == 0)
            add(&b, "    <declineReason>no-capacity</declineReason>\n");
        add(&b, "  </statusUpdate>\n");
    }
    add(&b, "</exchange>\n");
    return b.s;
}

/* One update in a document of its own, from its poster to the other party. */
static char *update_doc(const char *doc_id, const char *id, const char *referral, const char *at, const char *by,
                        const char *status)
{
    upd u = { id, referral, at, by, status };
    return updates_doc(doc_id, by, strcmp(by, ORG_S) == 0 ? ORG_R : ORG_S, 1, &u);
}

/* R's acknowledgement of document `document`. */
static char *ack_doc(const char *doc_id, const char *ack_id, const char *document, const char *at,
                     const char *result)
{
    sbuf b = { NULL, 0, 0 };
    header(&b, doc_id, at, ORG_R, ORG_S);
    organisation(&b, ORG_R);
    add(&b,
        "  <acknowledgement id=\"%s\">\n    <document>%s</document>\n    <at>%s</at>\n"
        "    <by ref=\"" ORG_R "\"/>\n    <result>%s</result>\n",
        ack_id, document, at, result);
    if (strcmp(result, "rejected") == 0)
        add(&b, "    <diagnostic>\n      <rule>GBO-R002</rule>\n      <severity>error</severity>\n"
                "      <path>/exchange/referral[1]</path>\n      <line>30</line>\n    </diagnostic>\n");
    add(&b, "  </acknowledgement>\n</exchange>\n");
    return b.s;
}

/* R passes on the client's withdrawal of S's consent `consent`. */
static char *withdrawal_doc(const char *doc_id, const char *id, const char *consent, const char *at)
{
    sbuf b = { NULL, 0, 0 };
    header(&b, doc_id, at, ORG_R, ORG_S);
    organisation(&b, ORG_R);
    add(&b,
        "  <consentWithdrawal id=\"%s\">\n    <consent ref=\"%s\" issuer=\"" ORG_S "\"/>\n"
        "    <at>%s</at>\n    <receivedBy ref=\"" ORG_R "\"/>\n    <channel>phone</channel>\n"
        "  </consentWithdrawal>\n</exchange>\n",
        id, consent, at);
    return b.s;
}

static void print_diagnostics(const gbo_diagnostics *d)
{
    for (size_t i = 0; i < gbo_diagnostics_count(d); i++) {
        const gbo_diagnostic *g = gbo_diagnostics_at(d, i);
        fprintf(stderr, "    %s %s line %lu %s: %s\n", gbo_diagnostic_rule(g),
                gbo_severity_name(gbo_diagnostic_severity(g)), gbo_diagnostic_line(g), gbo_diagnostic_path(g),
                gbo_diagnostic_message(g));
    }
}

/* Validate with the built-in code lists; returns the list (free it). */
static gbo_diagnostics *validate(const gbo_entity *doc)
{
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(gbo_diagnostics_set_lang(d, GBO_LANG_EN), GBO_OK);
    CU_ASSERT_EQUAL(gbo_validate_entity(v, doc, d, NULL), GBO_OK);
    gbo_validator_free(v);
    return d;
}

static void expect_clean(const gbo_entity *doc, const char *what)
{
    gbo_diagnostics *d = validate(doc);
    CU_ASSERT_EQUAL(gbo_diagnostics_error_count(d), 0);
    if (gbo_diagnostics_error_count(d)) {
        fprintf(stderr, "\n  %s does not validate:\n", what);
        print_diagnostics(d);
    }
    gbo_diagnostics_free(d);
}

/* Read a document; `xml` is freed. It must validate without errors when `clean`. */
static gbo_entity *read_doc(char *xml, bool clean)
{
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_status st;
    CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
    st = gbo_exchange_read_memory(xml, strlen(xml), NULL, &doc, NULL, &err);
    if (st != GBO_OK)
        fprintf(stderr, "\n  refused: %s line %lu %s: %s\n%s", err.rule, err.line, err.path, err.message, xml);
    free(xml);
    CU_ASSERT_EQUAL_FATAL(st, GBO_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    if (clean)
        expect_clean(doc, "a test document");
    return doc;
}

/* Add a document (its text is freed) to a history as `source`. */
static void add_doc(gbo_history *h, char *xml, uint64_t source)
{
    gbo_entity *doc = read_doc(xml, true);
    gbo_error err;
    CU_ASSERT_EQUAL(gbo_history_add(h, doc, source, &err), GBO_OK);
    gbo_entity_free(doc);
}

static size_t count_rule(const gbo_diagnostics *d, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < gbo_diagnostics_count(d); i++)
        n += strcmp(gbo_diagnostic_rule(gbo_diagnostics_at(d, i)), rule) == 0;
    return n;
}

/* The findings about `source`, in a new list. */
static gbo_diagnostics *findings(gbo_history *h, uint64_t source)
{
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    gbo_error err;
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_EQUAL(gbo_diagnostics_set_lang(d, GBO_LANG_EN), GBO_OK);
    CU_ASSERT_EQUAL(gbo_history_check(h, source, d, &err), GBO_OK);
    return d;
}

/* The history has exactly `r004` GBO-R004 and `r006` GBO-R006 findings about
 * `source`, and nothing else. */
#define EXPECT_FINDINGS(h, source, r004, r006) expect_findings((h), (source), (r004), (r006), __LINE__)
static void expect_findings(gbo_history *h, uint64_t source, size_t r004, size_t r006, int line)
{
    gbo_diagnostics *d = findings(h, source);
    bool ok = count_rule(d, "GBO-R004") == r004 && count_rule(d, "GBO-R006") == r006 &&
              gbo_diagnostics_count(d) == r004 + r006;
    CU_ASSERT_TRUE(ok);
    if (!ok) {
        fprintf(stderr, "\n  line %d, source %llu: want %zu GBO-R004 and %zu GBO-R006, got:\n", line,
                (unsigned long long)source, r004, r006);
        if (gbo_diagnostics_count(d) == 0)
            fprintf(stderr, "    (nothing)\n");
        print_diagnostics(d);
    }
    gbo_diagnostics_free(d);
}

#define EXPECT_STATUS(h, referral, want) expect_status((h), (referral), (want), __LINE__)
static void expect_status(gbo_history *h, const char *referral, const char *want, int line)
{
    const char *got = gbo_history_status(h, referral);
    bool ok = got && strcmp(got, want) == 0;
    CU_ASSERT_TRUE(ok);
    if (!ok)
        fprintf(stderr, "\n  line %d: status %s, want %s\n", line, got ? got : "(null)", want);
}

static gbo_history *new_history(void)
{
    gbo_error err;
    gbo_history *h = gbo_history_new(&err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    return h;
}

static gbo_time t(const char *text)
{
    gbo_time out = { 0, 0 };
    CU_ASSERT_EQUAL_FATAL(gbo_time_parse(text, &out, NULL), GBO_OK);
    return out;
}

/* ---- 1. the transition table -------------------------------------------- */

static const char *const statuses[10] = { "sent",        "received",  "accepted", "declined",
                                          "first-contact", "in-progress", "completed", "returned",
                                          "cancelled",   "withdrawn" };

/* SPEC §2.6, row `from`, column `to` (in the order of `statuses`): who may
 * post the transition. R the recipient, S the sender, E either of them,
 * '.' no such transition. */
static const char *const spec_table[10] = {
    /*                 s r a d f i c r c w */
    /* sent          */ ".RRR....SE",
    /* received      */ "..RR....SE",
    /* accepted      */ "....RRRRSE",
    /* declined      */ "..........",
    /* first-contact */ ".....RRRSE",
    /* in-progress   */ ".....RRRSE",
    /* completed     */ "..........",
    /* returned      */ "..........",
    /* cancelled     */ "..........",
    /* withdrawn     */ "..........",
};

static const char *poster_name(gbo_poster p)
{
    return p == GBO_POSTER_SENDER ? "sender" : p == GBO_POSTER_RECIPIENT ? "recipient" : "other";
}

static gbo_step spec_step(char who, gbo_poster poster)
{
    switch (who) {
    case 'R':
        return poster == GBO_POSTER_RECIPIENT ? GBO_STEP_ALLOWED : GBO_STEP_POSTER;
    case 'S':
        return poster == GBO_POSTER_SENDER ? GBO_STEP_ALLOWED : GBO_STEP_POSTER;
    case 'E':
        return poster == GBO_POSTER_OTHER ? GBO_STEP_POSTER : GBO_STEP_ALLOWED;
    default:
        return GBO_STEP_TRANSITION;
    }
}

static void transition_table(void)
{
    static const gbo_poster posters[3] = { GBO_POSTER_SENDER, GBO_POSTER_RECIPIENT, GBO_POSTER_OTHER };
    size_t allowed = 0, poster_refused = 0, no_transition = 0;

    for (size_t f = 0; f < 10; f++)
        for (size_t to = 0; to < 10; to++)
            for (size_t p = 0; p < 3; p++) {
                gbo_step want = spec_step(spec_table[f][to], posters[p]);
                gbo_step got = gbo_lifecycle_step(statuses[f], statuses[to], posters[p]);
                CU_ASSERT_EQUAL(got, want);
                if (got != want)
                    fprintf(stderr, "\n  %s -> %s by %s: got %d, want %d", statuses[f], statuses[to],
                            poster_name(posters[p]), (int)got, (int)want);
                allowed += want == GBO_STEP_ALLOWED;
                poster_refused += want == GBO_STEP_POSTER;
                no_transition += want == GBO_STEP_TRANSITION;
            }
    /* 15 recipient transitions, 5 cancellations, 5 withdrawals × 2 posters */
    CU_ASSERT_EQUAL(allowed, 15 + 5 + 10);
    CU_ASSERT_EQUAL(poster_refused, 15 * 2 + 5 * 2 + 5);
    CU_ASSERT_EQUAL(no_transition, 300 - 30 - 45);
}

static void unknown_statuses(void)
{
    static const char *const unknown[] = { NULL, "", "open", "Sent", "SENT", "in progress", "sent ",
                                           "in_progress", "firstcontact", "closed" };
    static const gbo_poster posters[3] = { GBO_POSTER_SENDER, GBO_POSTER_RECIPIENT, GBO_POSTER_OTHER };
    for (size_t u = 0; u < sizeof unknown / sizeof *unknown; u++) {
        for (size_t p = 0; p < 3; p++) {
            for (size_t s = 0; s < 10; s++) {
                CU_ASSERT_EQUAL(gbo_lifecycle_step(unknown[u], statuses[s], posters[p]), GBO_STEP_UNKNOWN_STATUS);
                CU_ASSERT_EQUAL(gbo_lifecycle_step(statuses[s], unknown[u], posters[p]), GBO_STEP_UNKNOWN_STATUS);
            }
            for (size_t v = 0; v < sizeof unknown / sizeof *unknown; v++)
                CU_ASSERT_EQUAL(gbo_lifecycle_step(unknown[u], unknown[v], posters[p]), GBO_STEP_UNKNOWN_STATUS);
        }
        CU_ASSERT_EQUAL(gbo_lifecycle_rank(unknown[u]), -1);
        CU_ASSERT_FALSE(gbo_lifecycle_is_terminal(unknown[u]));
    }
}

static void terminal_and_rank(void)
{
    static const bool terminal[10] = { false, false, false, true, false, false, true, true, true, true };
    for (int i = 0; i < 10; i++) {
        bool row_empty = strspn(spec_table[i], ".") == 10;
        CU_ASSERT_EQUAL(gbo_lifecycle_is_terminal(statuses[i]), terminal[i]);
        CU_ASSERT_EQUAL(row_empty, terminal[i]); /* nothing follows a terminal status */
        CU_ASSERT_EQUAL(gbo_lifecycle_rank(statuses[i]), i);
    }
}

/* ---- 2. histories ------------------------------------------------------- */

/* The legal chain of REF_A, one update per document: update i is uid(i),
 * its document uid(100 + i). */
static const struct {
    const char *at, *status;
} chain[] = {
    { "2025-03-12T09:31:00Z", "received" },    { "2025-03-13T10:00:00Z", "accepted" },
    { "2025-03-18T10:20:00Z", "first-contact" }, { "2025-04-01T09:00:00Z", "in-progress" },
    { "2025-04-15T09:00:00Z", "in-progress" }, { "2025-06-19T13:45:00Z", "completed" },
};

static char *chain_doc(size_t i)
{
    return update_doc(uid(100 + (unsigned)i), uid((unsigned)i), REF_A, chain[i].at, ORG_R, chain[i].status);
}

/* (a) A legal chain, shuffled, one document twice. */
static void legal_chain_any_order(void)
{
    gbo_history *in_order = new_history(), *shuffled = new_history();
    /* sources: the referral document 0, update i in source i + 1, the repeat 7 */
    static const int order[] = { 5, 3, -1, 0, 4, 2, 1 };

    add_doc(in_order, referral_a(), 0);
    for (size_t i = 0; i < 6; i++)
        add_doc(in_order, chain_doc(i), i + 1);
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        add_doc(shuffled, order[k] < 0 ? referral_a() : chain_doc((size_t)order[k]),
                order[k] < 0 ? 0 : (uint64_t)order[k] + 1);
        if (k == 2)
            add_doc(shuffled, chain_doc(2), 7); /* first-contact delivered twice, this copy first */
    }

    EXPECT_STATUS(in_order, REF_A, "completed");
    EXPECT_STATUS(shuffled, REF_A, "completed");
    for (uint64_t s = 0; s <= 8; s++) {
        EXPECT_FINDINGS(in_order, s, 0, 0);
        EXPECT_FINDINGS(shuffled, s, 0, 0);
    }
    CU_ASSERT_EQUAL(gbo_history_referral_count(shuffled), 1);
    CU_ASSERT_STRING_EQUAL(gbo_history_referral_id(shuffled, 0), REF_A);
    CU_ASSERT_PTR_NULL(gbo_history_referral_id(shuffled, 1));
    CU_ASSERT_PTR_NULL(gbo_history_status(shuffled, REF_B)); /* never heard of */
    CU_ASSERT_PTR_NULL(gbo_history_status(shuffled, NULL));
    gbo_history_free(in_order);
    gbo_history_free(shuffled);
}

/* Before anything is said of it, a referral is `sent`; each update moves it. */
static void status_as_updates_arrive(void)
{
    gbo_history *h = new_history();
    add_doc(h, referral_a(), 0);
    EXPECT_STATUS(h, REF_A, "sent");
    for (size_t i = 0; i < 6; i++) {
        add_doc(h, chain_doc(i), i + 1);
        EXPECT_STATUS(h, REF_A, chain[i].status);
        EXPECT_FINDINGS(h, i + 1, 0, 0);
    }
    gbo_history_free(h);
}

/* (b) The same update id in two documents is one update. */
static void same_update_id_once(void)
{
    gbo_history *h = new_history();
    upd one[] = { { uid(1), REF_A, "2025-03-12T09:31:00Z", ORG_R, "received" },
                  { uid(2), REF_A, "2025-03-13T10:00:00Z", ORG_R, "accepted" } };
    upd two[] = { { uid(2), REF_A, "2025-03-13T10:00:00Z", ORG_R, "accepted" },
                  { uid(3), REF_A, "2025-03-18T10:20:00Z", ORG_R, "first-contact" } };
    add_doc(h, referral_a(), 0);
    add_doc(h, updates_doc(uid(101), ORG_R, ORG_S, 2, two), 2);
    add_doc(h, updates_doc(uid(102), ORG_R, ORG_S, 2, one), 1);
    /* counted twice, accepted → accepted would be illegal */
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 2, 0, 0);
    EXPECT_STATUS(h, REF_A, "first-contact");
    gbo_history_free(h);

    /* An illegal update found in two documents is reported once, under the
     * copy in the document with the lower id, whichever was added first. */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, chain_doc(0), 1);                                                             /* received */
    add_doc(h, update_doc(uid(105), uid(9), REF_A, "2025-04-01T09:00:00Z", ORG_R, "completed"), 5);
    add_doc(h, update_doc(uid(103), uid(9), REF_A, "2025-04-01T09:00:00Z", ORG_R, "completed"), 3);
    EXPECT_FINDINGS(h, 0, 0, 0);
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 3, 1, 0); /* received → completed */
    EXPECT_FINDINGS(h, 5, 0, 0);
    gbo_history_free(h);
}

/* Copies of one update that say different things (issue #17): GBO-R014 at
 * the copy that does not stand — the later one — whatever the order and
 * the numbering of the documents, and the copy that stands decides the
 * history (accepted on the 14th, first contact on the 15th: no GBO-R004). */
static void conflicting_copies_any_order(void)
{
    for (int order = 0; order < 2; order++) {
        gbo_history *h = new_history();
        uint64_t early = order ? 7 : 2, late = order ? 1 : 9;
        gbo_diagnostics *d;
        add_doc(h, referral_a(), 0);
        if (order)
            add_doc(h, update_doc(uid(111), uid(9), REF_A, "2025-03-16T10:00:00Z", ORG_R, "accepted"), late);
        add_doc(h, update_doc(uid(110), uid(9), REF_A, "2025-03-14T10:00:00Z", ORG_R, "accepted"), early);
        if (!order)
            add_doc(h, update_doc(uid(111), uid(9), REF_A, "2025-03-16T10:00:00Z", ORG_R, "accepted"), late);
        add_doc(h, update_doc(uid(112), uid(10), REF_A, "2025-03-15T10:00:00Z", ORG_R, "first-contact"), 4);
        d = findings(h, late);
        CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 1);
        CU_ASSERT_EQUAL(count_rule(d, "GBO-R014"), 1);
        gbo_diagnostics_free(d);
        EXPECT_FINDINGS(h, early, 0, 0);
        EXPECT_FINDINGS(h, 4, 0, 0);
        EXPECT_STATUS(h, REF_A, "first-contact");
        gbo_history_free(h);
    }
}

/* (c) Equal times are ordered by the table. */
static void equal_times_table_order(void)
{
    gbo_history *h = new_history();
    upd same[] = { { uid(3), REF_A, "2025-03-18T10:20:00Z", ORG_R, "first-contact" },
                   { uid(2), REF_A, "2025-03-18T10:20:00Z", ORG_R, "accepted" } };
    gbo_diagnostics *d;

    add_doc(h, referral_a(), 0);
    add_doc(h, chain_doc(0), 1);                                   /* received */
    add_doc(h, updates_doc(uid(102), ORG_R, ORG_S, 2, same), 2);  /* first-contact listed first */
    /* completed and in-progress at one instant, completed delivered first */
    add_doc(h, update_doc(uid(103), uid(5), REF_A, "2025-05-02T08:00:00+02:00", ORG_R, "completed"), 3);
    add_doc(h, update_doc(uid(104), uid(4), REF_A, "2025-05-02T06:00:00Z", ORG_R, "in-progress"), 4);
    for (uint64_t s = 0; s <= 4; s++)
        EXPECT_FINDINGS(h, s, 0, 0);
    EXPECT_STATUS(h, REF_A, "completed");
    gbo_history_free(h);

    /* accepted and declined at one instant, declined delivered first:
     * accepted comes first in the table, so the replay is accepted →
     * declined, illegal, reported at the declined update. */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, update_doc(uid(111), uid(12), REF_A, "2025-03-13T10:00:00Z", ORG_R, "declined"), 1);
    add_doc(h, update_doc(uid(112), uid(11), REF_A, "2025-03-13T11:00:00+01:00", ORG_R, "accepted"), 2);
    EXPECT_FINDINGS(h, 2, 0, 0);
    d = findings(h, 1);
    CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(d), 1);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(d, 0)), "GBO-R004");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(d, 0)), "/exchange/statusUpdate[1]/status");
    gbo_diagnostics_free(d);
    gbo_history_free(h);
}

/* (d) An illegal transition across documents: one GBO-R004, under the
 * source of the offending update only. */
static void illegal_transition_across_documents(void)
{
    gbo_history *h = new_history();
    upd done[] = { { uid(1), REF_A, "2025-03-12T09:31:00Z", ORG_R, "received" },
                   { uid(2), REF_A, "2025-03-13T10:00:00Z", ORG_R, "accepted" },
                   { uid(6), REF_A, "2025-06-19T13:45:00Z", ORG_R, "completed" } };
    gbo_diagnostics *d;
    const gbo_diagnostic *g;

    add_doc(h, update_doc(uid(102), uid(7), REF_A, "2025-06-25T09:00:00Z", ORG_R, "in-progress"), 2);
    add_doc(h, updates_doc(uid(101), ORG_R, ORG_S, 3, done), 1);
    add_doc(h, referral_a(), 0);
    d = findings(h, 2);
    CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(d), 1);
    g = gbo_diagnostics_at(d, 0);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(g), "GBO-R004");
    CU_ASSERT_EQUAL(gbo_diagnostic_severity(g), GBO_SEVERITY_ERROR);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(g), "/exchange/statusUpdate[1]/status");
    CU_ASSERT(gbo_diagnostic_line(g) > 1);
    CU_ASSERT(strlen(gbo_diagnostic_message(g)) > 0);
    gbo_diagnostics_free(d);
    EXPECT_FINDINGS(h, 0, 0, 0);
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 3, 0, 0);
    /* checking twice reports the same */
    EXPECT_FINDINGS(h, 2, 1, 0);
    gbo_history_free(h);
}

/* (e) Who may post: after `received`, one update by one organisation. */
static void posters(void)
{
    static const struct {
        const char *status, *by;
        size_t r004;
    } cases[] = {
        { "accepted", ORG_R, 0 },  { "accepted", ORG_S, 1 },  { "accepted", ORG_O, 1 },
        { "declined", ORG_S, 1 },  { "cancelled", ORG_S, 0 }, { "cancelled", ORG_R, 1 },
        { "cancelled", ORG_O, 1 }, { "withdrawn", ORG_S, 0 }, { "withdrawn", ORG_R, 0 },
        { "withdrawn", ORG_O, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        gbo_history *h = new_history();
        unsigned before = CU_get_number_of_failures();
        add_doc(h, referral_a(), 0);
        add_doc(h, chain_doc(0), 1); /* received, by R */
        add_doc(h, update_doc(uid(102), uid(20), REF_A, "2025-03-14T08:00:00Z", cases[i].by, cases[i].status), 2);
        EXPECT_FINDINGS(h, 0, 0, 0);
        EXPECT_FINDINGS(h, 1, 0, 0);
        EXPECT_FINDINGS(h, 2, cases[i].r004, 0);
        if (cases[i].r004 == 0)
            EXPECT_STATUS(h, REF_A, cases[i].status);
        if (CU_get_number_of_failures() != before)
            fprintf(stderr, "  (case: %s by %s)\n", cases[i].status, cases[i].by);
        gbo_history_free(h);
    }
}

/* A referral to oneself (only a warning, GBO-R011): the organisation is
 * sender and recipient, and may post what either may. Found in review. */
static void self_referral_posters(void)
{
    static const char *const statuses_ok[] = { "received", "cancelled", "withdrawn" };
    const ref_spec a = { REF_A, "2025-03-12T09:05:00Z" };
    for (size_t i = 0; i < sizeof statuses_ok / sizeof *statuses_ok; i++) {
        gbo_history *h = new_history();
        /* the generator describes the organisation twice (GBO-I005): not what is tested */
        gbo_entity *doc = read_doc(referral_doc(REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_S, CONSENT, 1, &a), false);
        CU_ASSERT_EQUAL(gbo_history_add(h, doc, 0, NULL), GBO_OK);
        gbo_entity_free(doc);
        add_doc(h, update_doc(uid(102), uid(20), REF_A, "2025-03-14T08:00:00Z", ORG_S, statuses_ok[i]), 2);
        EXPECT_FINDINGS(h, 2, 0, 0);
        EXPECT_STATUS(h, REF_A, statuses_ok[i]);
        gbo_history_free(h);
    }
    CU_ASSERT_EQUAL(gbo_lifecycle_step("sent", "cancelled", GBO_POSTER_RECIPIENT), GBO_STEP_POSTER);
}

/* A referral sent twice (D1, D2): an acceptance of either copy counts.
 * Found in review: only the copy that stands was linked. */
static void acknowledgement_of_a_second_copy(void)
{
    const ref_spec a = { REF_A, "2025-03-12T09:05:00Z" };
    gbo_history *h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, referral_doc(uid(150), "2025-03-12T09:06:00Z", ORG_S, ORG_R, CONSENT, 1, &a), 1);
    add_doc(h, ack_doc(uid(151), uid(152), uid(150), "2025-03-12T10:00:00Z", "accepted"), 2);
    EXPECT_STATUS(h, REF_A, "received");
    EXPECT_FINDINGS(h, 2, 0, 0);
    gbo_history_free(h);
}

/* Findings about one document come in document order, whatever order the
 * documents were added in (the CLI adds them as its threads finish). */
static void findings_in_document_order(void)
{
    const ref_spec both[] = { { REF_A, "2025-03-12T09:05:00Z" }, { REF_B, "2025-03-12T09:05:00Z" } };
    upd bad[] = { { uid(31), REF_A, "2025-03-13T10:00:00Z", ORG_R, "completed" },
                  { uid(32), REF_B, "2025-03-13T10:00:00Z", ORG_R, "completed" } };
    for (int order = 0; order < 2; order++) {
        gbo_history *h = new_history();
        gbo_diagnostics *d;
        /* B first heard of before A, or after */
        if (order == 0)
            add_doc(h, update_doc(uid(103), uid(33), REF_B, "2025-03-12T10:00:00Z", ORG_R, "received"), 3);
        add_doc(h, updates_doc(uid(101), ORG_R, ORG_S, 2, bad), 1);
        add_doc(h, referral_doc(REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_R, CONSENT, 2, both), 0);
        if (order == 1)
            add_doc(h, update_doc(uid(103), uid(33), REF_B, "2025-03-12T10:00:00Z", ORG_R, "received"), 3);
        d = findings(h, 1);
        CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(d), 2);
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(d, 0)), "/exchange/statusUpdate[1]/status");
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(d, 1)), "/exchange/statusUpdate[2]/status");
        CU_ASSERT(gbo_diagnostic_line(gbo_diagnostics_at(d, 0)) < gbo_diagnostic_line(gbo_diagnostics_at(d, 1)));
        gbo_diagnostics_free(d);
        gbo_history_free(h);
    }
}

/* (f) An update before its referral was made: GBO-R006. */
static void update_before_referral(void)
{
    gbo_history *h = new_history();
    add_doc(h, update_doc(uid(101), uid(1), REF_A, "2025-03-12T09:00:00Z", ORG_R, "received"), 1);
    add_doc(h, update_doc(uid(102), uid(2), REF_A, "2025-03-12T10:04:59+01:00", ORG_R, "accepted"), 2);
    add_doc(h, referral_a(), 0); /* created 09:05:00Z */
    EXPECT_FINDINGS(h, 1, 0, 1);
    EXPECT_FINDINGS(h, 2, 0, 1);
    EXPECT_FINDINGS(h, 0, 0, 0);
    gbo_history_free(h);

    /* at the referral's own instant is not before it */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, update_doc(uid(101), uid(1), REF_A, "2025-03-12T10:05:00+01:00", ORG_R, "received"), 1);
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_STATUS(h, REF_A, "received");
    gbo_history_free(h);
}

/* (g) Updates about a referral whose document never came: still replayed from `sent`. */
static void referral_never_added(void)
{
    gbo_history *h = new_history();
    upd early[] = { { uid(1), REF_A, "2025-03-12T09:31:00Z", ORG_R, "received" },
                    { uid(2), REF_A, "2025-03-13T10:00:00Z", ORG_R, "accepted" } };
    gbo_time sent, contact;

    add_doc(h, update_doc(uid(103), uid(7), REF_A, "2025-06-25T09:00:00Z", ORG_R, "in-progress"), 3);
    add_doc(h, updates_doc(uid(101), ORG_R, ORG_S, 2, early), 1);
    add_doc(h, update_doc(uid(102), uid(6), REF_A, "2025-06-19T13:45:00Z", ORG_R, "completed"), 2);
    add_doc(h, update_doc(uid(104), uid(8), REF_B, "2025-04-02T09:00:00Z", ORG_R, "completed"), 4);
    add_doc(h, update_doc(uid(105), uid(9), REF_C, "2025-04-02T09:00:00Z", ORG_R, "accepted"), 5);
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 2, 0, 0);
    EXPECT_FINDINGS(h, 3, 1, 0); /* completed → in-progress */
    EXPECT_FINDINGS(h, 4, 1, 0); /* sent → completed */
    EXPECT_FINDINGS(h, 5, 0, 0); /* sent → accepted */
    EXPECT_STATUS(h, REF_C, "accepted");
    CU_ASSERT_EQUAL(gbo_history_referral_count(h), 3);
    /* in the order first heard of */
    CU_ASSERT_STRING_EQUAL(gbo_history_referral_id(h, 0), REF_A);
    CU_ASSERT_STRING_EQUAL(gbo_history_referral_id(h, 1), REF_B);
    CU_ASSERT_STRING_EQUAL(gbo_history_referral_id(h, 2), REF_C);
    /* no createdAt: no first contact interval */
    CU_ASSERT_EQUAL(gbo_history_first_contact(h, REF_A, &sent, &contact), GBO_E_NOT_FOUND);
    gbo_history_free(h);
}

/* (h) An accepting acknowledgement of the referral document counts as `received`. */
static void acknowledgement_counts_as_received(void)
{
    gbo_history *h = new_history();
    add_doc(h, ack_doc(uid(101), uid(51), REF_DOC, "2025-03-12T09:06:04Z", "accepted"), 1);
    add_doc(h, referral_a(), 0);
    EXPECT_STATUS(h, REF_A, "received");
    /* the recipient says so again in a status update: not a finding */
    add_doc(h, chain_doc(0), 2);
    EXPECT_STATUS(h, REF_A, "received");
    add_doc(h, chain_doc(1), 3);
    EXPECT_STATUS(h, REF_A, "accepted");
    for (uint64_t s = 0; s <= 3; s++)
        EXPECT_FINDINGS(h, s, 0, 0);
    gbo_history_free(h);

    /* after the acknowledgement, `received` posted by anyone but the
     * recipient is still a wrong poster */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, ack_doc(uid(101), uid(51), REF_DOC, "2025-03-12T09:06:04Z", "accepted"), 1);
    add_doc(h, update_doc(uid(102), uid(52), REF_A, "2025-03-12T09:31:00Z", ORG_S, "received"), 2);
    add_doc(h, update_doc(uid(103), uid(53), REF_A, "2025-03-12T09:32:00Z", ORG_O, "received"), 3);
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 2, 1, 0);
    EXPECT_FINDINGS(h, 3, 1, 0);
    gbo_history_free(h);

    /* accepted straight after the acknowledgement */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, ack_doc(uid(101), uid(51), REF_DOC, "2025-03-12T09:06:04Z", "accepted"), 1);
    add_doc(h, chain_doc(1), 2);
    EXPECT_FINDINGS(h, 2, 0, 0);
    EXPECT_STATUS(h, REF_A, "accepted");
    gbo_history_free(h);

    /* a rejection changes nothing */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, ack_doc(uid(101), uid(51), REF_DOC, "2025-03-12T09:06:04Z", "rejected"), 1);
    EXPECT_STATUS(h, REF_A, "sent");
    add_doc(h, chain_doc(0), 2);
    EXPECT_STATUS(h, REF_A, "received");
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 2, 0, 0);
    gbo_history_free(h);

    /* nor does an acceptance of another document */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, ack_doc(uid(101), uid(51), uid(150), "2025-03-12T09:06:04Z", "accepted"), 1);
    EXPECT_STATUS(h, REF_A, "sent");
    gbo_history_free(h);

    /* without an acknowledgement, `received` twice is not a transition of the table */
    h = new_history();
    add_doc(h, referral_a(), 0);
    add_doc(h, chain_doc(0), 1);
    add_doc(h, update_doc(uid(102), uid(52), REF_A, "2025-03-12T10:00:00Z", ORG_R, "received"), 2);
    EXPECT_FINDINGS(h, 1, 0, 0);
    EXPECT_FINDINGS(h, 2, 1, 0);
    gbo_history_free(h);
}

/* (i) A consent withdrawal ends the open referrals under the consent. */
static void consent_withdrawal(void)
{
    gbo_history *h = new_history();
    const ref_spec under_c[] = { { REF_A, "2025-03-12T09:05:00Z" }, { REF_B, "2025-03-12T09:05:00Z" } };
    const ref_spec later[] = { { REF_C, "2025-07-09T09:00:00Z" } };
    const ref_spec other[] = { { REF_D, "2025-03-20T09:00:00Z" } };
    upd b_done[] = { { uid(11), REF_B, "2025-03-12T09:31:00Z", ORG_R, "received" },
                     { uid(12), REF_B, "2025-03-13T10:00:00Z", ORG_R, "accepted" },
                     { uid(13), REF_B, "2025-06-19T13:45:00Z", ORG_R, "completed" } };
    upd a_d[] = { { uid(1), REF_A, "2025-03-12T09:31:00Z", ORG_R, "received" },
                  { uid(21), REF_D, "2025-03-21T09:00:00Z", ORG_R, "accepted" } };

    add_doc(h, withdrawal_doc(uid(103), uid(60), CONSENT, "2025-07-08T07:47:00Z"), 3);
    add_doc(h, referral_doc(REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_R, CONSENT, 2, under_c), 0);
    add_doc(h, updates_doc(uid(101), ORG_R, ORG_S, 2, a_d), 1);
    add_doc(h, updates_doc(uid(102), ORG_R, ORG_S, 3, b_done), 2);
    add_doc(h, referral_doc(uid(104), "2025-07-09T09:00:30Z", ORG_S, ORG_R, CONSENT, 1, later), 4);
    add_doc(h, referral_doc(uid(105), "2025-03-20T09:00:30Z", ORG_S, ORG_R, CONSENT_2, 1, other), 5);
    EXPECT_STATUS(h, REF_A, "withdrawn");
    EXPECT_STATUS(h, REF_B, "completed");
    EXPECT_STATUS(h, REF_C, "sent");     /* made after the withdrawal */
    EXPECT_STATUS(h, REF_D, "accepted"); /* another consent */
    for (uint64_t s = 0; s <= 5; s++)
        EXPECT_FINDINGS(h, s, 0, 0);

    /* the recipient carries on with the withdrawn referral */
    add_doc(h, update_doc(uid(106), uid(61), REF_A, "2025-07-10T09:00:00Z", ORG_R, "in-progress"), 6);
    EXPECT_FINDINGS(h, 6, 1, 0);
    for (uint64_t s = 0; s <= 5; s++)
        EXPECT_FINDINGS(h, s, 0, 0);
    gbo_history_free(h);
}

/* (j) When the referral was sent and when the client was first met. */
static void first_contact(void)
{
    gbo_history *h = new_history();
    const ref_spec refs[] = { { REF_A, "2025-03-12T09:05:00Z" }, { REF_B, "2025-03-12T09:05:00Z" },
                              { REF_C, "2025-03-12T09:05:00Z" }, { REF_D, "2025-03-12T09:05:00Z" } };
    upd a[] = { { uid(1), REF_A, "2025-03-12T09:31:00Z", ORG_R, "received" },
                { uid(2), REF_A, "2025-03-13T10:00:00Z", ORG_R, "accepted" } };
    upd b[] = { { uid(11), REF_B, "2025-03-13T10:00:00Z", ORG_R, "accepted" },
                { uid(12), REF_B, "2025-03-20T15:00:00Z", ORG_R, "in-progress" },
                { uid(13), REF_B, "2025-04-20T15:00:00Z", ORG_R, "completed" } };
    upd c[] = { { uid(21), REF_C, "2025-03-13T10:00:00Z", ORG_R, "accepted" },
                { uid(22), REF_C, "2025-03-25T11:00:00Z", ORG_R, "completed" } };
    upd d[] = { { uid(31), REF_D, "2025-03-13T10:00:00Z", ORG_R, "accepted" } };
    gbo_time sent = { 0, 0 }, contact = { 0, 0 };

    add_doc(h, referral_doc(REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_R, CONSENT, 4, refs), 0);
    /* A: in-progress delivered before first-contact */
    add_doc(h, update_doc(uid(104), uid(4), REF_A, "2025-04-01T09:00:00Z", ORG_R, "in-progress"), 4);
    add_doc(h, updates_doc(uid(101), ORG_R, ORG_S, 2, a), 1);
    add_doc(h, update_doc(uid(103), uid(3), REF_A, "2025-03-18T10:20:00Z", ORG_R, "first-contact"), 3);
    add_doc(h, updates_doc(uid(105), ORG_R, ORG_S, 3, b), 5);
    add_doc(h, updates_doc(uid(106), ORG_R, ORG_S, 2, c), 6);
    add_doc(h, updates_doc(uid(107), ORG_R, ORG_S, 1, d), 7);

    CU_ASSERT_EQUAL(gbo_history_first_contact(h, REF_A, &sent, &contact), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(sent, t("2025-03-12T09:05:00Z")), 0);
    CU_ASSERT_EQUAL(gbo_time_compare(contact, t("2025-03-18T10:20:00Z")), 0);
    CU_ASSERT_EQUAL(gbo_history_first_contact(h, REF_B, &sent, &contact), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(contact, t("2025-03-20T15:00:00Z")), 0);
    CU_ASSERT_EQUAL(gbo_history_first_contact(h, REF_C, &sent, &contact), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(sent, t("2025-03-12T09:05:00Z")), 0);
    CU_ASSERT_EQUAL(gbo_time_compare(contact, t("2025-03-25T11:00:00Z")), 0);
    /* accepted, but no contact yet */
    CU_ASSERT_EQUAL(gbo_history_first_contact(h, REF_D, &sent, &contact), GBO_E_NOT_FOUND);
    CU_ASSERT_EQUAL(gbo_history_first_contact(h, uid(300), &sent, &contact), GBO_E_NOT_FOUND);
    for (uint64_t s = 0; s <= 7; s++)
        EXPECT_FINDINGS(h, s, 0, 0);
    gbo_history_free(h);
}

/* (k) What the single-document rules found already is not repeated. */
static void no_repeated_findings(void)
{
    /* one document of R's: accepted, completed, then in-progress after completed */
    upd u[] = { { uid(2), REF_A, "2025-03-13T10:00:00Z", ORG_R, "accepted" },
                { uid(6), REF_A, "2025-06-19T13:45:00Z", ORG_R, "completed" },
                { uid(7), REF_A, "2025-06-25T09:00:00Z", ORG_R, "in-progress" } };
    gbo_entity *doc = read_doc(updates_doc(uid(101), ORG_R, ORG_S, 3, u), false);
    gbo_diagnostics *d = validate(doc), *alone;
    gbo_history *h = new_history();
    gbo_error err;

    /* the validator sees completed → in-progress within the document */
    CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(d), 1);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(d, 0)), "GBO-R004");
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(gbo_diagnostics_at(d, 0)), "/exchange/statusUpdate[3]/status");

    add_doc(h, referral_a(), 0);
    CU_ASSERT_EQUAL(gbo_history_add(h, doc, 1, &err), GBO_OK);
    alone = findings(h, 1);
    CU_ASSERT_EQUAL(count_rule(alone, "GBO-R004"), 1);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(alone), 1);
    if (gbo_diagnostics_count(alone) == 1) {
        const gbo_diagnostic *a = gbo_diagnostics_at(alone, 0), *v = gbo_diagnostics_at(d, 0);
        CU_ASSERT_STRING_EQUAL(gbo_diagnostic_path(a), gbo_diagnostic_path(v));
        CU_ASSERT_EQUAL(gbo_diagnostic_line(a), gbo_diagnostic_line(v));
    }
    gbo_diagnostics_free(alone);

    /* checked into the validator's list: still one */
    CU_ASSERT_EQUAL(gbo_history_check(h, 1, d, &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 1);
    gbo_diagnostics_free(d);

    /* the history finds more than the document shows: sent → completed */
    gbo_history_free(h);
    h = new_history();
    gbo_entity_free(doc);
    {
        upd v[] = { { uid(6), REF_A, "2025-06-19T13:45:00Z", ORG_R, "completed" },
                    { uid(7), REF_A, "2025-06-25T09:00:00Z", ORG_R, "in-progress" } };
        doc = read_doc(updates_doc(uid(102), ORG_R, ORG_S, 2, v), false);
    }
    d = validate(doc);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 1);
    add_doc(h, referral_a(), 0);
    CU_ASSERT_EQUAL(gbo_history_add(h, doc, 1, &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_history_check(h, 1, d, &err), GBO_OK);
    CU_ASSERT_EQUAL(count_rule(d, "GBO-R004"), 2);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 2);
    /* and a second check adds nothing */
    CU_ASSERT_EQUAL(gbo_history_check(h, 1, d, &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 2);
    gbo_diagnostics_free(d);
    gbo_entity_free(doc);
    gbo_history_free(h);

    /* A validator that knows the referral (its document in the context)
     * finds the wrong poster and the update before the referral itself; the
     * history finds the same two and adds neither. */
    {
        gbo_validator *v = gbo_validator_new(NULL, NULL);
        gbo_entity *referral = read_doc(referral_a(), true);
        CU_ASSERT_PTR_NOT_NULL_FATAL(v);
        CU_ASSERT_EQUAL(gbo_validator_add_context(v, referral, &err), GBO_OK);
        doc = read_doc(update_doc(uid(103), uid(2), REF_A, "2025-03-12T09:00:00Z", ORG_S, "accepted"), false);
        d = gbo_diagnostics_new(NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(d);
        CU_ASSERT_EQUAL(gbo_validate_entity(v, doc, d, &err), GBO_OK);
        CU_ASSERT_EQUAL(count_rule(d, "GBO-R004"), 1);
        CU_ASSERT_EQUAL(count_rule(d, "GBO-R006"), 1);
        CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 2);
        h = new_history();
        CU_ASSERT_EQUAL(gbo_history_add(h, referral, 0, &err), GBO_OK);
        CU_ASSERT_EQUAL(gbo_history_add(h, doc, 1, &err), GBO_OK);
        EXPECT_FINDINGS(h, 1, 1, 1);
        CU_ASSERT_EQUAL(gbo_history_check(h, 1, d, &err), GBO_OK);
        CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 2);
        gbo_diagnostics_free(d);
        gbo_history_free(h);
        gbo_entity_free(doc);
        gbo_entity_free(referral);
        gbo_validator_free(v);
    }
}

static void history_arguments(void)
{
    gbo_history *h = new_history();
    gbo_entity *ref = gbo_entity_new(GBO_KIND_REFERRAL, NULL);
    gbo_diagnostics *d = gbo_diagnostics_new(NULL);
    gbo_error err;
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    err.status = GBO_OK;
    CU_ASSERT_EQUAL(gbo_history_add(h, NULL, 0, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_history_add(h, ref, 0, &err), GBO_E_INVALID_ARG); /* not an exchange */
    CU_ASSERT_EQUAL(gbo_history_check(h, 0, NULL, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_history_check(h, 0, d, &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_count(d), 0);
    CU_ASSERT_EQUAL(gbo_history_referral_count(h), 0);
    CU_ASSERT_PTR_NULL(gbo_history_referral_id(h, 0));
    CU_ASSERT_PTR_NULL(gbo_history_status(h, REF_A));
    gbo_history_free(h);
    gbo_history_free(NULL);
    gbo_diagnostics_free(d);
    gbo_entity_free(ref);
}

/* ---- 3. acknowledgements -------------------------------------------------- */

static const gbo_entity *find_org(const gbo_entity *doc, const char *id)
{
    for (size_t i = 0; i < gbo_entity_count(doc, GBO_EXCHANGE_ORGANISATIONS); i++) {
        const gbo_entity *o = gbo_entity_child(doc, GBO_EXCHANGE_ORGANISATIONS, i);
        if (strcmp(gbo_entity_get(o, GBO_ORGANISATION_ID), id) == 0)
            return o;
    }
    return NULL;
}

static const char *ref_of(const gbo_entity *e, gbo_field field)
{
    return gbo_entity_get(gbo_entity_child(e, field, 0), GBO_REFERENCE_REF);
}

/* The parts every acknowledgement document has; returns the acknowledgement. */
static const gbo_entity *check_envelope(const gbo_entity *doc, const char *answered, gbo_time at,
                                        const char *result)
{
    const gbo_entity *ack;
    gbo_time got;
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(gbo_entity_kind(doc), GBO_KIND_EXCHANGE);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(doc, GBO_EXCHANGE_SENDER), ORG_R);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(doc, GBO_EXCHANGE_RECIPIENT), ORG_S);
    CU_ASSERT_PTR_NOT_NULL(gbo_entity_get(doc, GBO_EXCHANGE_ID));
    CU_ASSERT_PTR_NOT_NULL(gbo_entity_get(doc, GBO_EXCHANGE_CODE_LIST_VERSION));
    CU_ASSERT_EQUAL(gbo_entity_get_time(doc, GBO_EXCHANGE_CREATED_AT, &got), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(got, at), 0);
    CU_ASSERT_PTR_NOT_NULL(find_org(doc, ORG_R));
    CU_ASSERT_EQUAL_FATAL(gbo_entity_count(doc, GBO_EXCHANGE_ACKNOWLEDGEMENTS), 1);
    ack = gbo_entity_child(doc, GBO_EXCHANGE_ACKNOWLEDGEMENTS, 0);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(ack, GBO_ACKNOWLEDGEMENT_DOCUMENT), answered);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(ack, GBO_ACKNOWLEDGEMENT_RESULT), result);
    CU_ASSERT_STRING_EQUAL(ref_of(ack, GBO_ACKNOWLEDGEMENT_BY), ORG_R);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gbo_entity_get(ack, GBO_ACKNOWLEDGEMENT_ID));
    CU_ASSERT_STRING_NOT_EQUAL(gbo_entity_get(ack, GBO_ACKNOWLEDGEMENT_ID), gbo_entity_get(doc, GBO_EXCHANGE_ID));
    CU_ASSERT_EQUAL(gbo_entity_get_time(ack, GBO_ACKNOWLEDGEMENT_AT, &got), GBO_OK);
    CU_ASSERT_EQUAL(gbo_time_compare(got, at), 0);
    CU_ASSERT_EQUAL(gbo_acknowledgement_accepted(ack), strcmp(result, "accepted") == 0);
    CU_ASSERT_PTR_EQUAL(gbo_acknowledgement_find(doc, answered), ack);
    expect_clean(doc, "the acknowledgement");
    return ack;
}

/* Write, read back, and find the acknowledgement again; returns the text (free()). */
static char *round_trip(const gbo_entity *doc, const char *answered, bool accepted)
{
    char *out = NULL, *copy;
    size_t size = 0;
    gbo_entity *back = NULL;
    const gbo_entity *ack;
    gbo_error err;
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_write_memory(doc, &out, &size, &err), GBO_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(out);
    copy = malloc(size + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    memcpy(copy, out, size);
    copy[size] = '\0';
    gbo_free(out);
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_memory(copy, size, NULL, &back, NULL, &err), GBO_OK);
    ack = gbo_acknowledgement_find(back, answered);
    CU_ASSERT_PTR_NOT_NULL(ack);
    if (ack)
        CU_ASSERT_EQUAL(gbo_acknowledgement_accepted(ack), accepted);
    CU_ASSERT_PTR_NULL(gbo_acknowledgement_find(back, uid(399)));
    CU_ASSERT_PTR_NULL(gbo_acknowledgement_find(back, NULL));
    CU_ASSERT_TRUE(gbo_entity_equal(back, doc));
    gbo_entity_free(back);
    return copy;
}

static gbo_entity *org_r(void)
{
    gbo_entity *doc = read_doc(referral_a(), true);
    gbo_entity *org = gbo_entity_copy(find_org(doc, ORG_R), NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(org);
    gbo_entity_free(doc);
    return org;
}

static void acknowledgement_accepted(void)
{
    gbo_entity *by = org_r(), *doc;
    gbo_time at = t("2025-03-12T09:06:04Z");
    gbo_diagnostics *warnings;
    gbo_entity *warm;
    const gbo_entity *ack;
    gbo_error err;
    char *xml;

    /* no list: accepted */
    doc = gbo_acknowledgement_build(by, ORG_S, REF_DOC, at, NULL, &err);
    ack = check_envelope(doc, REF_DOC, at, "accepted");
    CU_ASSERT_EQUAL(gbo_entity_count(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS), 0);
    xml = round_trip(doc, REF_DOC, true);
    free(xml);
    gbo_entity_free(doc);

    /* a list with warnings only: accepted, the warnings not sent back */
    {
        sbuf b = { NULL, 0, 0 };
        header(&b, REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_R);
        organisation(&b, ORG_S);
        organisation(&b, ORG_R);
        person_and_consent(&b, CONSENT, ORG_S);
        add(&b, "  <referral id=\"" REF_A "\">\n    <createdAt>2025-03-12T09:05:00Z</createdAt>\n"
                "    <kind>warm-referral</kind>\n    <from>\n      <organisation ref=\"" ORG_S "\"/>\n    </from>\n"
                "    <to>\n      <organisation ref=\"" ORG_R "\"/>\n    </to>\n"
                "    <subject ref=\"" PERSON "\"/>\n    <consent ref=\"" CONSENT "\"/>\n"
                "    <helpQuestion>Ik zoek een betaalbare woning.</helpQuestion>\n"
                "    <rightAssessment>\n      <right>huurpremie</right>\n      <status>refused</status>\n"
                "      <lifeDomain>housing</lifeDomain>\n    </rightAssessment>\n  </referral>\n</exchange>\n");
        warm = read_doc(b.s, false);
    }
    warnings = validate(warm);
    CU_ASSERT(gbo_diagnostics_count(warnings) >= 1);
    CU_ASSERT_EQUAL(gbo_diagnostics_error_count(warnings), 0);
    doc = gbo_acknowledgement_build(by, ORG_S, REF_DOC, at, warnings, &err);
    ack = check_envelope(doc, REF_DOC, at, "accepted");
    CU_ASSERT_EQUAL(gbo_entity_count(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS), 0);
    xml = round_trip(doc, REF_DOC, true);
    CU_ASSERT_PTR_NULL(strstr(xml, "<diagnostic>"));
    free(xml);
    gbo_entity_free(doc);
    gbo_diagnostics_free(warnings);
    gbo_entity_free(warm);

    /* no document id */
    err.status = GBO_OK;
    CU_ASSERT_PTR_NULL(gbo_acknowledgement_build(by, ORG_S, NULL, at, NULL, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    CU_ASSERT_FALSE(gbo_acknowledgement_accepted(by)); /* not an acknowledgement */
    CU_ASSERT_FALSE(gbo_acknowledgement_accepted(NULL));
    gbo_entity_free(by);
}

/* The commonest rejection: the document could not be read at all. Its
 * diagnostic concerns the whole input (no path); the acknowledgement must
 * still be a document the sender can read. */
static void acknowledgement_of_unreadable_document(void)
{
    gbo_entity *by = org_r(), *doc;
    gbo_time at = t("2025-03-12T09:06:04Z");
    gbo_validator *v = gbo_validator_new(NULL, NULL);
    gbo_diagnostics *diags = gbo_diagnostics_new(NULL), *again = gbo_diagnostics_new(NULL);
    const gbo_entity *ack;
    gbo_entity *back = NULL;
    gbo_error err;
    char *out = NULL;
    size_t size = 0;
    gbo_status st;

    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    CU_ASSERT_PTR_NOT_NULL_FATAL(diags);
    CU_ASSERT_PTR_NOT_NULL_FATAL(again);
    CU_ASSERT_EQUAL(gbo_validate_memory(v, "<exchange", 9, diags, NULL), GBO_OK);
    CU_ASSERT_EQUAL_FATAL(gbo_diagnostics_count(diags), 1);
    CU_ASSERT_STRING_EQUAL(gbo_diagnostic_rule(gbo_diagnostics_at(diags, 0)), "GBO-X001");

    doc = gbo_acknowledgement_build(by, ORG_S, REF_DOC, at, diags, &err);
    ack = check_envelope(doc, REF_DOC, at, "rejected");
    CU_ASSERT_EQUAL_FATAL(gbo_entity_count(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS), 1);
    CU_ASSERT_STRING_EQUAL(gbo_entity_get(gbo_entity_child(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS, 0),
                                          GBO_DIAGNOSTIC_RULE), "GBO-X001");
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_write_memory(doc, &out, &size, &err), GBO_OK);
    /* the written acknowledgement is a valid exchange document */
    CU_ASSERT_EQUAL(gbo_validate_memory(v, out, size, again, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_diagnostics_error_count(again), 0);
    if (gbo_diagnostics_error_count(again))
        print_diagnostics(again);
    st = gbo_exchange_read_memory(out, size, NULL, &back, NULL, &err);
    CU_ASSERT_EQUAL(st, GBO_OK);
    if (st == GBO_OK) {
        const gbo_entity *found = gbo_acknowledgement_find(back, REF_DOC);
        CU_ASSERT_PTR_NOT_NULL(found);
        CU_ASSERT_FALSE(gbo_acknowledgement_accepted(found));
    }
    gbo_entity_free(back);
    gbo_free(out);
    gbo_entity_free(doc);
    gbo_diagnostics_free(again);
    gbo_diagnostics_free(diags);
    gbo_validator_free(v);
    gbo_entity_free(by);
}

static void acknowledgement_rejected(void)
{
    gbo_entity *by = org_r(), *bad, *doc;
    gbo_time at = t("2025-03-12T09:06:04Z");
    gbo_diagnostics *diags;
    const gbo_entity *ack;
    gbo_error err;
    char *xml;
    sbuf b = { NULL, 0, 0 };

    /* national number with wrong check digits (error), no help question
     * (error), a refused right without reason (warning) */
    header(&b, REF_DOC, "2025-03-12T09:05:30Z", ORG_S, ORG_R);
    organisation(&b, ORG_S);
    organisation(&b, ORG_R);
    add(&b, "  <person id=\"" PERSON "\">\n    <givenName>Sébastien</givenName>\n"
            "    <familyName>" FAMILY_NAME "</familyName>\n    <nationalNumber>86092312385</nationalNumber>\n"
            "  </person>\n");
    add(&b, "  <consent id=\"" CONSENT "\">\n    <subject ref=\"" PERSON "\"/>\n    <grantor>client</grantor>\n"
            "    <recordedBy>\n      <organisation ref=\"" ORG_S "\"/>\n    </recordedBy>\n    <form>oral</form>\n"
            "    <givenAt>2025-03-01T10:00:00Z</givenAt>\n    <validFrom>2025-03-01</validFrom>\n"
            "    <provision>\n      <type>permit</type>\n    </provision>\n  </consent>\n");
    add(&b, "  <referral id=\"" REF_A "\">\n    <createdAt>2025-03-12T09:05:00Z</createdAt>\n"
            "    <kind>warm-referral</kind>\n    <from>\n      <organisation ref=\"" ORG_S "\"/>\n    </from>\n"
            "    <to>\n      <organisation ref=\"" ORG_R "\"/>\n    </to>\n"
            "    <subject ref=\"" PERSON "\"/>\n    <consent ref=\"" CONSENT "\"/>\n"
            "    <rightAssessment>\n      <right>huurpremie</right>\n      <status>refused</status>\n"
            "      <lifeDomain>housing</lifeDomain>\n    </rightAssessment>\n  </referral>\n</exchange>\n");
    bad = read_doc(b.s, false);
    diags = validate(bad);
    CU_ASSERT(gbo_diagnostics_error_count(diags) >= 2);
    CU_ASSERT(gbo_diagnostics_count(diags) > gbo_diagnostics_error_count(diags)); /* and a warning */

    doc = gbo_acknowledgement_build(by, ORG_S, REF_DOC, at, diags, &err);
    ack = check_envelope(doc, REF_DOC, at, "rejected");
    CU_ASSERT_EQUAL_FATAL(gbo_entity_count(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS), gbo_diagnostics_count(diags));
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const gbo_diagnostic *g = gbo_diagnostics_at(diags, i);
        const gbo_entity *e = gbo_entity_child(ack, GBO_ACKNOWLEDGEMENT_DIAGNOSTICS, i);
        unsigned long line = 0;
        CU_ASSERT_EQUAL(gbo_entity_kind(e), GBO_KIND_DIAGNOSTIC);
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(e, GBO_DIAGNOSTIC_RULE), gbo_diagnostic_rule(g));
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(e, GBO_DIAGNOSTIC_SEVERITY),
                               gbo_severity_name(gbo_diagnostic_severity(g)));
        CU_ASSERT_PTR_NOT_NULL_FATAL(gbo_entity_get(e, GBO_DIAGNOSTIC_PATH));
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(e, GBO_DIAGNOSTIC_PATH), gbo_diagnostic_path(g));
        CU_ASSERT(gbo_diagnostic_line(g) > 0);
        CU_ASSERT_EQUAL(gbo_entity_get_count(e, GBO_DIAGNOSTIC_LINE, &line), GBO_OK);
        CU_ASSERT_EQUAL(line, gbo_diagnostic_line(g));
    }
    xml = round_trip(doc, REF_DOC, false);
    /* nothing of the document travels back: no name, no message */
    CU_ASSERT_PTR_NULL(strstr(xml, FAMILY_NAME));
    CU_ASSERT_PTR_NULL(strstr(xml, "Sébastien"));
    CU_ASSERT_PTR_NULL(strstr(xml, "86092312385"));
    for (size_t i = 0; i < gbo_diagnostics_count(diags); i++) {
        const char *message = gbo_diagnostic_message(gbo_diagnostics_at(diags, i));
        CU_ASSERT(strlen(message) > 0);
        CU_ASSERT_PTR_NULL(strstr(xml, message));
    }
    CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<rule>GBO-I001</rule>"));
    free(xml);
    gbo_entity_free(doc);
    gbo_diagnostics_free(diags);
    gbo_entity_free(bad);
    gbo_entity_free(by);
}

/* ---- 4. withdrawal propagation ------------------------------------------ */

/* P = ORG_S. Recipients under CONSENT: R1 = ORG_R, R2 = ORG_O (referrals),
 * R3 = ORG_HOME (a case conference), R5 = ORG_INSURER (a status update about
 * a referral under CONSENT). R4 = ORG_CLB got a referral under CONSENT_2;
 * ORG_GP got one under CONSENT, but from ORG_SCHOOL. */
static char *case_conference_doc(const char *doc_id, const char *to, const char *consent)
{
    sbuf b = { NULL, 0, 0 };
    header(&b, doc_id, "2025-04-25T06:30:00Z", ORG_S, to);
    organisation(&b, ORG_S);
    organisation(&b, to);
    person_and_consent(&b, consent, ORG_S);
    add(&b,
        "  <caseConference id=\"%s\">\n    <date>2025-04-24</date>\n    <convenor ref=\"" ORG_S "\"/>\n"
        "    <subject ref=\"" PERSON "\"/>\n    <consent ref=\"%s\"/>\n"
        "    <participant>\n      <organisation ref=\"" ORG_S "\"/>\n    </participant>\n"
        "    <participant>\n      <organisation ref=\"%s\"/>\n    </participant>\n"
        "    <clientPresent>true</clientPresent>\n  </caseConference>\n</exchange>\n",
        uid(250), consent, to);
    return b.s;
}

static void propagation_add(gbo_propagation *p, char *xml)
{
    gbo_entity *doc = read_doc(xml, true);
    gbo_error err;
    CU_ASSERT_EQUAL(gbo_propagation_add(p, doc, &err), GBO_OK);
    gbo_entity_free(doc);
}

static size_t index_of(const gbo_propagation *p, const char *recipient)
{
    for (size_t i = 0; i < gbo_propagation_recipient_count(p); i++)
        if (strcmp(gbo_propagation_recipient(p, i), recipient) == 0)
            return i;
    return (size_t)-1;
}

static gbo_entity *withdrawal_received_by(const char *consent, const char *issuer, const char *received_by)
{
    gbo_entity *w = gbo_entity_new(GBO_KIND_WITHDRAWAL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    CU_ASSERT_EQUAL(gbo_entity_set(w, GBO_WITHDRAWAL_ID, uid(260), NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set_reference(w, GBO_WITHDRAWAL_CONSENT, consent, issuer, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(w, GBO_WITHDRAWAL_AT, "2025-07-08T07:47:00Z", NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set_reference(w, GBO_WITHDRAWAL_RECEIVED_BY, received_by, NULL, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_entity_set(w, GBO_WITHDRAWAL_CHANNEL, "phone", NULL), GBO_OK);
    return w;
}

/* A withdrawal P itself received. */
static gbo_entity *withdrawal(const char *consent, const char *issuer)
{
    return withdrawal_received_by(consent, issuer, ORG_S);
}

static void propagation_recipients_and_notices(void)
{
    gbo_error err;
    gbo_propagation *p = gbo_propagation_new(CONSENT, &err);
    const ref_spec r1b[] = { { uid(230), "2025-05-02T09:05:00Z" } };
    const ref_spec r2[] = { { REF_B, "2025-03-14T09:05:00Z" } };
    const ref_spec r4[] = { { REF_C, "2025-03-15T09:05:00Z" } };
    const ref_spec gp[] = { { REF_D, "2025-03-16T09:05:00Z" } };
    const char *want[] = { ORG_R, ORG_O, ORG_HOME, ORG_INSURER };
    upd cancel = { uid(240), REF_A, "2025-05-01T08:00:00Z", ORG_S, "cancelled" };
    gbo_entity *w = withdrawal(CONSENT, NULL), *w_issuer = withdrawal(CONSENT, ORG_S), *w_other,
               *first = read_doc(referral_a(), false);
    gbo_time at = t("2025-07-08T09:00:00Z");

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    /* the status update to R5 first, before the referral it is about */
    propagation_add(p, updates_doc(uid(201), ORG_S, ORG_INSURER, 1, &cancel));
    propagation_add(p, referral_doc(uid(202), "2025-03-15T09:05:30Z", ORG_S, ORG_CLB, CONSENT_2, 1, r4));
    propagation_add(p, referral_doc(uid(203), "2025-03-16T09:05:30Z", ORG_SCHOOL, ORG_GP, CONSENT, 1, gp));
    propagation_add(p, referral_a());
    propagation_add(p, case_conference_doc(uid(204), ORG_HOME, CONSENT));
    propagation_add(p, referral_doc(uid(205), "2025-03-14T09:05:30Z", ORG_S, ORG_O, CONSENT, 1, r2));
    propagation_add(p, referral_a()); /* the same document again */
    propagation_add(p, referral_doc(uid(206), "2025-05-02T09:05:30Z", ORG_S, ORG_R, CONSENT, 1, r1b));

    CU_ASSERT_EQUAL(gbo_propagation_recipient_count(p), 4);
    for (size_t i = 0; i < 4; i++) {
        size_t k = index_of(p, want[i]), twice = 0;
        CU_ASSERT(k < gbo_propagation_recipient_count(p));
        for (size_t j = 0; j < gbo_propagation_recipient_count(p); j++)
            twice += strcmp(gbo_propagation_recipient(p, j), want[i]) == 0;
        CU_ASSERT_EQUAL(twice, 1);
    }
    CU_ASSERT(index_of(p, ORG_HOME) < index_of(p, ORG_O)); /* in the order found */
    CU_ASSERT_EQUAL(index_of(p, ORG_CLB), (size_t)-1);
    CU_ASSERT_EQUAL(index_of(p, ORG_GP), (size_t)-1);
    CU_ASSERT_PTR_NULL(gbo_propagation_recipient(p, gbo_propagation_recipient_count(p)));

    for (size_t i = 0; i < gbo_propagation_recipient_count(p); i++) {
        const char *to = gbo_propagation_recipient(p, i);
        for (int with_issuer = 0; with_issuer < 2; with_issuer++) {
            gbo_entity *notice = gbo_propagation_notice(p, i, with_issuer ? w_issuer : w, at, &err);
            const gbo_entity *copy, *ref;
            gbo_time created;
            CU_ASSERT_PTR_NOT_NULL_FATAL(notice);
            CU_ASSERT_EQUAL(gbo_entity_kind(notice), GBO_KIND_EXCHANGE);
            CU_ASSERT_STRING_EQUAL(gbo_entity_get(notice, GBO_EXCHANGE_SENDER), ORG_S);
            CU_ASSERT_STRING_EQUAL(gbo_entity_get(notice, GBO_EXCHANGE_RECIPIENT), to);
            CU_ASSERT_PTR_NOT_NULL(gbo_entity_get(notice, GBO_EXCHANGE_ID));
            CU_ASSERT_EQUAL(gbo_entity_get_time(notice, GBO_EXCHANGE_CREATED_AT, &created), GBO_OK);
            CU_ASSERT_EQUAL(gbo_time_compare(created, at), 0);
            CU_ASSERT_TRUE(gbo_entity_equal(find_org(notice, ORG_S), find_org(first, ORG_S)));
            CU_ASSERT_EQUAL_FATAL(gbo_entity_count(notice, GBO_EXCHANGE_WITHDRAWALS), 1);
            copy = gbo_entity_child(notice, GBO_EXCHANGE_WITHDRAWALS, 0);
            ref = gbo_entity_child(copy, GBO_WITHDRAWAL_CONSENT, 0);
            CU_ASSERT_STRING_EQUAL(gbo_entity_get(ref, GBO_REFERENCE_REF), CONSENT);
            CU_ASSERT_PTR_NOT_NULL_FATAL(gbo_entity_get(ref, GBO_REFERENCE_ISSUER));
            CU_ASSERT_STRING_EQUAL(gbo_entity_get(ref, GBO_REFERENCE_ISSUER), ORG_S);
            CU_ASSERT_STRING_EQUAL(gbo_entity_get(copy, GBO_WITHDRAWAL_ID), uid(260));
            CU_ASSERT_STRING_EQUAL(gbo_entity_get(copy, GBO_WITHDRAWAL_AT), "2025-07-08T07:47:00Z");
            CU_ASSERT_STRING_EQUAL(ref_of(copy, GBO_WITHDRAWAL_RECEIVED_BY), ORG_S);
            expect_clean(notice, "a withdrawal notice");
            gbo_entity_free(notice);
        }
    }
    /* the caller's withdrawal is not changed */
    CU_ASSERT_PTR_NULL(gbo_entity_get(gbo_entity_child(w, GBO_WITHDRAWAL_CONSENT, 0), GBO_REFERENCE_ISSUER));

    /* a bad index, a withdrawal of another consent, not a withdrawal */
    err.status = GBO_OK;
    CU_ASSERT_PTR_NULL(gbo_propagation_notice(p, gbo_propagation_recipient_count(p), w, at, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    w_other = withdrawal(CONSENT_2, ORG_S);
    err.status = GBO_OK;
    CU_ASSERT_PTR_NULL(gbo_propagation_notice(p, 0, w_other, at, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    err.status = GBO_OK;
    CU_ASSERT_PTR_NULL(gbo_propagation_notice(p, 0, first, at, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);

    gbo_entity_free(w);
    gbo_entity_free(w_issuer);
    gbo_entity_free(w_other);
    gbo_entity_free(first);
    gbo_propagation_free(p);
}

/* The client told R1 (as in examples/consent-withdrawal.xml), R1 told P,
 * and P passes it on: each notice must still be a valid document, though
 * the organisation that received the withdrawal is not its sender. */
static void propagation_withdrawal_received_elsewhere(void)
{
    gbo_error err;
    gbo_propagation *p = gbo_propagation_new(CONSENT, &err);
    const ref_spec r2[] = { { REF_B, "2025-03-14T09:05:00Z" } };
    gbo_entity *doc = read_doc(withdrawal_doc(uid(210), uid(260), CONSENT, "2025-07-08T07:47:00Z"), true);
    const gbo_entity *w = gbo_entity_child(doc, GBO_EXCHANGE_WITHDRAWALS, 0);
    gbo_time at = t("2025-07-08T09:00:00Z");

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_PTR_NOT_NULL_FATAL(w);
    propagation_add(p, referral_a());
    propagation_add(p, referral_doc(uid(205), "2025-03-14T09:05:30Z", ORG_S, ORG_O, CONSENT, 1, r2));
    CU_ASSERT_EQUAL_FATAL(gbo_propagation_recipient_count(p), 2);
    for (size_t i = 0; i < 2; i++) {
        gbo_entity *notice = gbo_propagation_notice(p, i, w, at, &err);
        const gbo_entity *ref;
        CU_ASSERT_PTR_NOT_NULL_FATAL(notice);
        CU_ASSERT_EQUAL_FATAL(gbo_entity_count(notice, GBO_EXCHANGE_WITHDRAWALS), 1);
        ref = gbo_entity_child(gbo_entity_child(notice, GBO_EXCHANGE_WITHDRAWALS, 0), GBO_WITHDRAWAL_CONSENT, 0);
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(ref, GBO_REFERENCE_REF), CONSENT);
        CU_ASSERT_STRING_EQUAL(gbo_entity_get(ref, GBO_REFERENCE_ISSUER), ORG_S);
        expect_clean(notice, "a withdrawal notice for a withdrawal R1 received");
        gbo_entity_free(notice);
    }
    gbo_entity_free(doc);
    gbo_propagation_free(p);
}

static void propagation_arguments(void)
{
    gbo_error err;
    gbo_propagation *p;
    gbo_entity *ref = gbo_entity_new(GBO_KIND_REFERRAL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(ref);
    err.status = GBO_OK;
    CU_ASSERT_PTR_NULL(gbo_propagation_new(NULL, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    p = gbo_propagation_new(CONSENT, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_EQUAL(gbo_propagation_add(p, ref, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_propagation_recipient_count(p), 0);
    CU_ASSERT_PTR_NULL(gbo_propagation_recipient(p, 0));
    CU_ASSERT_EQUAL(gbo_propagation_recipient_count(NULL), 0);
    gbo_propagation_free(p);
    gbo_propagation_free(NULL);
    gbo_entity_free(ref);
}

int main(void)
{
    static const gbo_test tests[] = {
        { "transition table: 10 x 10 statuses x 3 posters", transition_table },
        { "unknown statuses", unknown_statuses },
        { "terminal statuses and rank", terminal_and_rank },
        { "history: a legal chain in any order", legal_chain_any_order },
        { "history: status as updates arrive", status_as_updates_arrive },
        { "history: the same update id is one update", same_update_id_once },
        { "history: copies that disagree, in any order (GBO-R014)", conflicting_copies_any_order },
        { "history: equal times in table order", equal_times_table_order },
        { "history: illegal transition across documents", illegal_transition_across_documents },
        { "history: who may post", posters },
        { "history: a referral to oneself", self_referral_posters },
        { "history: findings in document order", findings_in_document_order },
        { "history: acknowledgement of a second copy", acknowledgement_of_a_second_copy },
        { "history: update before its referral", update_before_referral },
        { "history: referral document never added", referral_never_added },
        { "history: acknowledgement counts as received", acknowledgement_counts_as_received },
        { "history: consent withdrawal", consent_withdrawal },
        { "history: first contact", first_contact },
        { "history: findings not repeated", no_repeated_findings },
        { "history: arguments", history_arguments },
        { "acknowledgement: accepted", acknowledgement_accepted },
        { "acknowledgement: rejected", acknowledgement_rejected },
        { "acknowledgement: of an unreadable document", acknowledgement_of_unreadable_document },
        { "propagation: recipients and notices", propagation_recipients_and_notices },
        { "propagation: a withdrawal another partner received", propagation_withdrawal_received_elsewhere },
        { "propagation: arguments", propagation_arguments },
        { NULL, NULL }
    };
    return gbo_test_main("lifecycle", tests);
}
