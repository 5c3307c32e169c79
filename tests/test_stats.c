/* Anonymous monitoring figures (SPEC §6, include/gbo/stats.h): counts across
 * many exchange documents, small cells hidden with the cells up to a
 * threshold so that a reader who knows the rule cannot narrow them (every
 * hidden count reads "suppressed"), and the time to first contact (median,
 * p90) only where K cases rank on either side.
 *
 * The documents are generated here, from the tables below, so every figure
 * has a truth the test computes itself. The main set: 23 referrals
 * (warm-referral 12, consult 7, dossier-transfer 3, joint-intake 1) between
 * A OCMW (local-social-service), B CAW, C DMW, D a CLB described only in the
 * documents it sends itself (its status updates) and X an organisation no
 * document describes ("unknown"); one document per referral, one per
 * referral's status updates, an accepting acknowledgement (referral 12), a
 * rejecting one (referral 18), and 9 policy signals in 6 documents.
 *
 * With K = 5 (protection 3) the main set hides, dimension by dimension:
 *   referrals/kind            1, 3 and consult 7          (1 and 3 are only 2 apart)
 *   referrals/sender-kind     dmw 3 and caw 6
 *   referrals/recipient-kind  unknown 2, clb 4 and dmw 7
 *   referrals/life-domain     none
 *   outcomes/status           seven of eight (1 … 4)      and so the time to first contact
 *   right-assessments/status  not-pursued 3, granted 5, applied 6
 *   .../non-take-up-reason    all, total 3 below K        total "suppressed"
 *   signals/barrier           affordability 2, comprehensibility 7
 * Time to first contact: 12 cases, hours 2, 5.5, 24, 26, 30, 48, 51, 72, 96,
 * 120, 150, 200: median (48 + 51) / 2 = 49.5, p90 the 11th = 150.0 (with
 * K = 1 only; with K = 5 the outcomes hide them).
 *
 * Every generated document passes `gbo validate` (one GBO-C011 warning for
 * the joint intake's emergency basis); the lifecycles are legal transitions.
 *
 * The reader of issue #18 tries every table that gives the same release,
 * running the library's rule on it, and must not narrow a hidden count of
 * 1 … K-1 below the protection: on the main set, on generated sets, and on
 * the releases the issue undid. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gbo/gbo.h>

#include "stats_release.h"
#include "test_helpers.h"

/* ---- organisations ----------------------------------------------------- */

enum { LSS, CAW, DMW, CLB, UNK, NORGS };

static const struct {
    const char *id, *name, *kind;
} orgs[NORGS] = {
    [LSS] = { "550b9aac-1c8a-442c-8a39-35a440b71211", "OCMW Gent - Sociale dienst", "local-social-service" },
    [CAW] = { "e5240f7d-20e5-4481-bb0c-727090662b66", "CAW Oost-Vlaanderen", "caw" },
    [DMW] = { "ab09e848-421d-49fb-9d4e-4933c69672f1", "Dienst Maatschappelijk Werk Ziekenfonds", "dmw" },
    [CLB] = { "c1b00000-0000-4000-8000-000000000004", "CLB Gent", "clb" }, /* described by itself only */
    [UNK] = { "0dd00000-0000-4000-8000-000000000005", NULL, NULL },       /* described nowhere */
};

/* ---- the referrals ------------------------------------------------------ */

typedef struct step {
    const char *status;
    long minutes; /* after the referral's createdAt */
    const char *decline_reason;
} step;

typedef struct assessment {
    const char *status, *reason;
} assessment;

typedef struct spec {
    const char *kind;
    int from, to;
    const char *domains[3];
    assessment rights[2];
    step steps[6];     /* posted by the recipient, in one document */
    bool acknowledged; /* an accepting acknowledgement of its document */
    bool rejected;     /* a rejecting acknowledgement of its document */
    const char *offset; /* createdAt written with this UTC offset, else Z */
} spec;

#define NSTEPS 6
#define S(status, minutes) { status, minutes, NULL }
#define SD(minutes, reason) { "declined", minutes, reason }
#define A(status) { status, NULL }
#define NP(reason) { "not-pursued", reason }
#define NO_RIGHTS { A(NULL) }
#define NO_STEPS { S(NULL, 0) }
#define PLAIN false, false, NULL /* no acknowledgement, createdAt in UTC */

static const spec main_set[] = {
    /* 1 */ { "warm-referral", LSS, CAW, { "housing", "income-finances" }, { A("potential"), A("explored") },
              { S("received", 30), S("accepted", 60), S("first-contact", 1440), S("in-progress", 2880),
                S("completed", 14400) }, PLAIN },
    /* 2 */ { "warm-referral", LSS, CAW, { "housing", "debts" }, { A("potential"), A("applied") },
              { S("accepted", 60), S("completed", 120) }, PLAIN },
    /* 3 */ { "warm-referral", LSS, CAW, { "housing", "work" }, { A("potential"), A("granted") },
              { S("accepted", 60), S("in-progress", 4320), S("completed", 10080) }, PLAIN },
    /* 4 */ { "warm-referral", LSS, CAW, { "housing", "health" }, { A("potential") },
              { S("accepted", 60), S("first-contact", 1560), S("in-progress", 3000) }, PLAIN },
    /* 5 */ { "warm-referral", LSS, DMW, { "housing", "income-finances", "debts" }, { A("potential"), A("explored") },
              { S("accepted", 60), S("in-progress", 1800) }, PLAIN },
    /* 6 */ { "warm-referral", LSS, DMW, { "housing" }, { A("potential"), NP("administrative-barrier") },
              { S("received", 30), SD(120, "no-capacity") }, PLAIN },
    /* 7 */ { "warm-referral", LSS, CLB, { "housing", "work" }, { A("potential"), A("explored") },
              { S("accepted", 60), S("first-contact", 3060) }, PLAIN },
    /* 8 */ { "warm-referral", LSS, CLB, { "income-finances", "health" }, { A("potential"), A("applied") },
              { S("accepted", 60) }, PLAIN },
    /* 9 */ { "warm-referral", CAW, DMW, { "housing", "income-finances" }, { A("potential"), A("granted") },
              { S("received", 30), S("accepted", 60), S("first-contact", 2880), S("completed", 5760) }, PLAIN },
    /* 10 */ { "warm-referral", CAW, CLB, { "health" }, { A("explored"), A("applied") },
               { S("accepted", 60), S("first-contact", 9000), S("returned", 9500) }, PLAIN },
    /* 11 */ { "warm-referral", DMW, CAW, { "housing", "debts", "work" }, { A("explored") },
               { S("accepted", 60), S("first-contact", 7200) }, PLAIN },
    /* 12 */ { "warm-referral", LSS, UNK, { "income-finances" }, { A("explored"), A("granted") }, NO_STEPS,
               true, false, NULL },
    /* 13 */ { "consult", LSS, DMW, { "health", "income-finances" }, { A("explored"), A("applied") },
               { SD(60, "not-competent") }, PLAIN },
    /* 14 */ { "consult", LSS, CAW, { "health" }, { A("applied") },
               { S("accepted", 60), S("first-contact", 330), S("completed", 1440) }, false, false, "+02:00" },
    /* 15 */ { "consult", CAW, DMW, { "housing", "debts" }, { A("applied"), A("granted") },
               { S("received", 30), S("accepted", 60), S("first-contact", 5760), S("in-progress", 6000),
                 S("in-progress", 7000) }, PLAIN },
    /* 16 */ { "consult", CAW, CLB, { "health", "work" }, { A("granted"), NP("digital-barrier") },
               { S("received", 30), SD(240, "client-unreachable") }, PLAIN },
    /* 17 */ { "consult", DMW, CAW, { "income-finances" }, { NP("administrative-barrier") },
               { S("received", 30) }, PLAIN },
    /* 18 */ { "consult", CAW, DMW, { "housing", "income-finances" }, NO_RIGHTS, NO_STEPS, false, true, NULL },
    /* 19 */ { "consult", LSS, UNK, { "debts" }, NO_RIGHTS, NO_STEPS, PLAIN },
    /* 20 */ { "dossier-transfer", LSS, CAW, { "income-finances", "health" }, NO_RIGHTS,
               { S("accepted", 60), S("first-contact", 12000), S("in-progress", 13000), S("completed", 20000) }, PLAIN },
    /* 21 */ { "dossier-transfer", CAW, DMW, { "housing", "health", "work" }, NO_RIGHTS,
               { S("accepted", 60), S("returned", 7200) }, PLAIN },
    /* 22 */ { "dossier-transfer", DMW, CAW, { "income-finances", "debts" }, NO_RIGHTS,
               { SD(90, "other") }, PLAIN },
    /* 23 */ { "joint-intake", LSS, CAW, { NULL }, NO_RIGHTS, NO_STEPS, PLAIN },
};
#define NMAIN (sizeof main_set / sizeof *main_set)

/* ---- the policy signals ------------------------------------------------- */

typedef struct signal_spec {
    const char *barriers[4];
} signal_spec;

static const signal_spec main_signals[] = {
    { { "reachability", "comprehensibility" } },
    { { "reachability", "comprehensibility" } },
    { { "reachability", "comprehensibility", "affordability" } },
    { { "reachability", "comprehensibility" } },
    { { "comprehensibility", "reachability" } },
    { { "reachability", "affordability", "comprehensibility" } },
    { { "reachability", "comprehensibility" } },
    { { "reachability" } },
    { { NULL } }, /* a signal naming no barrier */
};
#define NSIGNALS (sizeof main_signals / sizeof *main_signals)

/* ---- writing documents ---------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        abort();
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->len + (size_t)n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p)
            abort();
        b->p = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void id_of(char out[40], unsigned prefix, unsigned n)
{
    snprintf(out, 40, "%08x-0000-4000-8000-%012u", prefix, n);
}

#define ID_DOC 0xd0000000u
#define ID_REFERRAL 0xa0000000u
#define ID_PERSON 0xb0000000u
#define ID_CONSENT 0xc0000000u
#define ID_UPDATE 0xe0000000u
#define ID_SIGNAL 0xf0000000u
#define ID_ACK 0xacc00000u

/* Referral `row` (0-based) was created on 1 March 2025 08:00Z plus `row` days. */
static gbo_time created_of(size_t row)
{
    gbo_time t;
    if (gbo_time_parse("2025-03-01T08:00:00Z", &t, NULL) != GBO_OK)
        abort();
    t.seconds += (int64_t)row * 86400;
    return t;
}

/* A time `minutes` after `t`, in UTC or with `offset` ("+02:00"). */
static const char *at(char out[48], gbo_time t, long minutes, const char *offset)
{
    t.seconds += (int64_t)minutes * 60;
    if (offset) {
        int sign = offset[0] == '-' ? -1 : 1;
        t.seconds += sign * (int64_t)(atoi(offset + 1) * 3600 + atoi(offset + 4) * 60);
    }
    if (gbo_time_format(t, out, 48, NULL) != GBO_OK)
        abort();
    if (offset)
        strcpy(out + strlen(out) - 1, offset); /* "…Z" → "…+02:00" */
    return out;
}

static void begin(buf *b, unsigned long serial, gbo_time created, int sender, int recipient)
{
    char id[40], t[48];
    id_of(id, ID_DOC, serial);
    put(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<exchange xmlns=\"urn:gbo:exchange:1\" version=\"1.0\" id=\"%s\">\n"
           "  <header>\n    <createdAt>%s</createdAt>\n    <sender>%s</sender>\n"
           "    <recipient>%s</recipient>\n    <codeListVersion>2026.1</codeListVersion>\n  </header>\n",
        id, at(t, created, 0, NULL), orgs[sender].id, orgs[recipient].id);
}

static void organisation(buf *b, int org)
{
    if (!orgs[org].kind)
        return;
    put(b, "  <organisation id=\"%s\">\n    <name>%s</name>\n    <kind>%s</kind>\n"
           "    <network>GBO Gent</network>\n    <professionalSecrecy>true</professionalSecrecy>\n"
           "  </organisation>\n",
        orgs[org].id, orgs[org].name, orgs[org].kind);
}

/* The attributes of a reference to `org`: local when the document describes
 * it, else external (issued by the organisation itself). */
static const char *ref(char out[96], int org, bool described_here)
{
    if (described_here && orgs[org].kind)
        snprintf(out, 96, "ref=\"%s\"", orgs[org].id);
    else
        snprintf(out, 96, "ref=\"%s\" issuer=\"%s\"", orgs[org].id, orgs[org].id);
    return out;
}

static bool carries_person(const spec *s)
{
    return strcmp(s->kind, "consult") != 0;
}

/* The document carrying referral `row`: its parties (the recipient only when
 * it is A, B or C), a person and a consent (joint intake: an emergency
 * basis), or a case id for a consult. */
static void referral_document(buf *b, const spec *s, size_t row, unsigned long serial)
{
    char rid[40], pid[40], cid[40], t[48], t2[48], r[96];
    gbo_time created = created_of(row);
    bool person = carries_person(s), emergency = strcmp(s->kind, "joint-intake") == 0;
    bool transfer = strcmp(s->kind, "dossier-transfer") == 0;

    id_of(rid, ID_REFERRAL, row + 1);
    id_of(pid, ID_PERSON, row + 1);
    id_of(cid, ID_CONSENT, row + 1);
    created.seconds += 60;
    begin(b, serial, created, s->from, s->to);
    created.seconds -= 60;
    organisation(b, s->from);
    if (s->to != CLB)
        organisation(b, s->to);
    if (person)
        put(b, "  <person id=\"%s\">\n    <givenName>Client</givenName>\n    <familyName>Nummer %zu</familyName>\n"
               "    <language>nl</language>\n  </person>\n",
            pid, row + 1);
    if (person && !emergency) {
        at(t2, created, -20, NULL);
        t2[10] = '\0';
        put(b, "  <consent id=\"%s\">\n    <subject ref=\"%s\"/>\n    <grantor>client</grantor>\n"
               "    <recordedBy>\n      <organisation ref=\"%s\"/>\n    </recordedBy>\n    <form>written</form>\n"
               "    <documentReference>TF-2025-%03zu</documentReference>\n    <givenAt>%s</givenAt>\n"
               "    <informed>\n      <prior>true</prior>\n      <knowsWhat>true</knowsWhat>\n"
               "      <knowsWhy>true</knowsWhy>\n      <knowsToWhom>true</knowsToWhom>\n"
               "      <knowsWhatHappens>true</knowsWhatHappens>\n      <knowsCanWithdraw>true</knowsCanWithdraw>\n"
               "    </informed>\n    <validFrom>%s</validFrom>\n    <untilSupportEnds>true</untilSupportEnds>\n"
               "    <provision>\n      <type>permit</type>\n      <recipientOrganisation>%s</recipientOrganisation>\n"
               "      <purpose>%s</purpose>\n      <dataCategory>identity-contact</dataCategory>\n"
               "      <dataCategory>help-question</dataCategory>\n"
               "      <dataCategory>life-domain-situation</dataCategory>\n"
               "      <dataCategory>rights-potential</dataCategory>\n      <dataCategory>rights-progress</dataCategory>\n"
               "      <dataCategory>rights-taken-up</dataCategory>\n%s    </provision>\n  </consent>\n",
            cid, pid, orgs[s->from].id, row + 1, at(t, created, -20, NULL), t2, orgs[s->to].id,
            transfer ? "dossier-transfer" : "reception",
            transfer ? "      <dataCategory>full-dossier</dataCategory>\n" : "");
    }
    put(b, "  <referral id=\"%s\">\n    <createdAt>%s</createdAt>\n    <kind>%s</kind>\n"
           "    <from>\n      <organisation ref=\"%s\"/>\n    </from>\n"
           "    <to>\n      <organisation %s/>\n    </to>\n",
        rid, at(t, created, 0, s->offset), s->kind, orgs[s->from].id, ref(r, s->to, s->to != CLB));
    if (person)
        put(b, "    <subject ref=\"%s\"/>\n", pid);
    else
        put(b, "    <caseId>CASUS-2025-%03zu</caseId>\n", row + 1);
    if (person && !emergency)
        put(b, "    <consent ref=\"%s\"/>\n", cid);
    if (emergency)
        put(b, "    <emergency>\n      <justification>Dakloos vanavond; gezamenlijke intake nodig.</justification>\n"
               "      <clientInformed>true</clientInformed>\n    </emergency>\n");
    put(b, "    <helpQuestion>Hulpvraag %zu.</helpQuestion>\n    <helpQuestionLanguage>nl</helpQuestionLanguage>\n",
        row + 1);
    for (size_t i = 0; i < 3 && s->domains[i]; i++)
        put(b, "    <lifeDomain>\n      <domain>%s</domain>\n    </lifeDomain>\n", s->domains[i]);
    for (size_t i = 0; i < 2 && s->rights[i].status; i++) {
        put(b, "    <rightAssessment>\n      <right>%s</right>\n      <status>%s</status>\n"
               "      <by ref=\"%s\"/>\n",
            i ? "huurpremie" : "leefloon", s->rights[i].status, orgs[s->from].id);
        if (s->rights[i].reason)
            put(b, "      <nonTakeUpReason>%s</nonTakeUpReason>\n", s->rights[i].reason);
        put(b, "    </rightAssessment>\n");
    }
    put(b, "  </referral>\n</exchange>\n");
}

static size_t step_count(const spec *s)
{
    size_t n = 0;
    while (n < NSTEPS && s->steps[n].status)
        n++;
    return n;
}

/* The recipient's status updates about referral `row`, in one document
 * (which describes the recipient); false when it posted none. */
static bool updates_document(buf *b, const spec *s, size_t row, unsigned long serial)
{
    char rid[40], uid[40], t[48], r[96];
    gbo_time created = created_of(row), sent = created_of(row);
    size_t n = step_count(s);
    if (!n)
        return false;
    id_of(rid, ID_REFERRAL, row + 1);
    sent.seconds += (s->steps[n - 1].minutes + 1) * 60;
    begin(b, serial, sent, s->to, s->from);
    organisation(b, s->to);
    for (size_t i = 0; i < n; i++) {
        id_of(uid, ID_UPDATE, (row + 1) * 100 + i);
        put(b, "  <statusUpdate id=\"%s\">\n    <referral ref=\"%s\" issuer=\"%s\"/>\n    <at>%s</at>\n"
               "    <by %s/>\n    <status>%s</status>\n",
            uid, rid, orgs[s->from].id, at(t, created, s->steps[i].minutes, NULL), ref(r, s->to, true),
            s->steps[i].status);
        if (s->steps[i].decline_reason)
            put(b, "    <declineReason>%s</declineReason>\n", s->steps[i].decline_reason);
        put(b, "  </statusUpdate>\n");
    }
    put(b, "</exchange>\n");
    return true;
}

/* The recipient's acknowledgement of the document that carried referral
 * `row` (document serial `answered`); false when it sent none. */
static bool acknowledgement_document(buf *b, const spec *s, size_t row, unsigned long answered,
                                     unsigned long serial)
{
    char aid[40], did[40], t[48], r[96];
    gbo_time created = created_of(row);
    if (!s->acknowledged && !s->rejected)
        return false;
    id_of(aid, ID_ACK, row + 1);
    id_of(did, ID_DOC, answered);
    created.seconds += 120;
    begin(b, serial, created, s->to, s->from);
    organisation(b, s->to);
    put(b, "  <acknowledgement id=\"%s\">\n    <document>%s</document>\n    <at>%s</at>\n"
           "    <by %s/>\n    <result>%s</result>\n  </acknowledgement>\n</exchange>\n",
        aid, did, at(t, created_of(row), 1, NULL), ref(r, s->to, true), s->acknowledged ? "accepted" : "rejected");
    return true;
}

/* Signals first … first + n - 1 of `sigs` in one document from B. */
static void signal_document(buf *b, const signal_spec *sigs, size_t first, size_t n, unsigned long serial)
{
    char sid[40], t[48];
    gbo_time created;
    if (gbo_time_parse("2025-10-14T12:00:00Z", &created, NULL) != GBO_OK)
        abort();
    begin(b, serial, created, CAW, LSS);
    organisation(b, CAW);
    for (size_t i = first; i < first + n; i++) {
        id_of(sid, ID_SIGNAL, i + 1);
        put(b, "  <policySignal id=\"%s\">\n    <createdAt>%s</createdAt>\n    <organisation ref=\"%s\"/>\n"
               "    <level>meso</level>\n    <addressee>local</addressee>\n",
            sid, at(t, created, -(long)i, NULL), orgs[CAW].id);
        for (size_t j = 0; j < 4 && sigs[i].barriers[j]; j++)
            put(b, "    <barrier>%s</barrier>\n", sigs[i].barriers[j]);
        put(b, "    <caseCount>3</caseCount>\n    <description>Signaal %zu.</description>\n  </policySignal>\n",
            i + 1);
    }
    put(b, "</exchange>\n");
}

/* ---- the documents as entities ------------------------------------------- */

typedef struct docs {
    gbo_entity **v;
    size_t n, cap;
} docs;

static void docs_read(docs *d, buf *b)
{
    gbo_entity *doc = NULL;
    gbo_error err;
    gbo_status st;
    memset(&err, 0, sizeof err);
    st = gbo_exchange_read_memory(b->p, b->len, NULL, &doc, NULL, &err);
    if (st != GBO_OK) {
        fprintf(stderr, "generated document refused: %s %s line %lu %s: %s\n%s", gbo_strerror(st), err.rule,
                err.line, err.path, err.message, b->p);
        CU_FAIL_FATAL("a generated document cannot be read");
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 32;
        gbo_entity **v = realloc(d->v, cap * sizeof *v);
        if (!v)
            abort();
        d->v = v;
        d->cap = cap;
    }
    d->v[d->n++] = doc;
    b->len = 0;
}

static void docs_free(docs *d)
{
    for (size_t i = 0; i < d->n; i++)
        gbo_entity_free(d->v[i]);
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* The documents of referrals `set`: the referral documents (serials
 * base + 1 … base + n), then the updates and acknowledgements. With
 * `updates` false only the referral documents. */
static void referral_documents(docs *d, const spec *set, size_t n, unsigned long base, bool updates)
{
    buf b = { NULL, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        referral_document(&b, &set[i], i, base + i + 1);
        docs_read(d, &b);
    }
    for (size_t i = 0; updates && i < n; i++) {
        if (updates_document(&b, &set[i], i, base + 100 + i + 1))
            docs_read(d, &b);
        if (acknowledgement_document(&b, &set[i], i, base + i + 1, base + 200 + i + 1))
            docs_read(d, &b);
    }
    free(b.p);
}

/* The main signals: 1-4 in one document, 5-9 one to a document. */
static void signal_documents(docs *d, unsigned long base)
{
    buf b = { NULL, 0, 0 };
    signal_document(&b, main_signals, 0, 4, base + 300 + 1);
    docs_read(d, &b);
    for (size_t i = 4; i < NSIGNALS; i++) {
        signal_document(&b, main_signals, i, 1, base + 300 + i + 1);
        docs_read(d, &b);
    }
    free(b.p);
}

static void main_documents(docs *d, unsigned long base)
{
    referral_documents(d, main_set, NMAIN, base, true);
    signal_documents(d, base);
}

static gbo_stats *stats_of(const docs *d, unsigned k)
{
    gbo_error err;
    gbo_stats *s = gbo_stats_new(k, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    for (size_t i = 0; i < d->n; i++)
        CU_ASSERT_EQUAL_FATAL(gbo_stats_add(s, d->v[i], &err), GBO_OK);
    CU_ASSERT_EQUAL_FATAL(gbo_stats_compute(s, &err), GBO_OK);
    return s;
}

/* ---- the truth ------------------------------------------------------------ */

enum dim { D_KIND, D_SENDER, D_RECIPIENT, D_DOMAIN, D_OUTCOME, D_HOURS, D_RIGHT, D_REASON, D_BARRIER, NDIMS };

static const struct {
    const char *table, *dimension;
} dims[NDIMS] = {
    [D_KIND] = { "referrals", "kind" },
    [D_SENDER] = { "referrals", "sender-kind" },
    [D_RECIPIENT] = { "referrals", "recipient-kind" },
    [D_DOMAIN] = { "referrals", "life-domain" },
    [D_OUTCOME] = { "outcomes", "status" },
    [D_HOURS] = { "time-to-first-contact", "hours" },
    [D_RIGHT] = { "right-assessments", "status" },
    [D_REASON] = { "right-assessments", "non-take-up-reason" },
    [D_BARRIER] = { "signals", "barrier" },
};

typedef struct tally {
    const char *value[32];
    size_t count[32];
    size_t cells;
} tally;

static void tally_add(tally *t, const char *value)
{
    size_t i;
    for (i = 0; i < t->cells; i++)
        if (strcmp(t->value[i], value) == 0)
            break;
    if (i == t->cells) {
        if (t->cells == 32)
            abort();
        t->value[t->cells] = value;
        t->count[t->cells++] = 0;
    }
    t->count[i]++;
}

static size_t tally_total(const tally *t)
{
    size_t total = 0;
    for (size_t i = 0; i < t->cells; i++)
        total += t->count[i];
    return total;
}

static size_t tally_of(const tally *t, const char *value)
{
    for (size_t i = 0; i < t->cells; i++)
        if (strcmp(t->value[i], value) == 0)
            return t->count[i];
    return 0;
}

static const char *outcome_of(const spec *s)
{
    size_t n = step_count(s);
    return n ? s->steps[n - 1].status : s->acknowledged ? "received" : "sent";
}

/* Hours to the first first-contact, in-progress or completed update; < 0 when none. */
static double contact_hours(const spec *s)
{
    for (size_t i = 0; i < step_count(s); i++)
        if (!strcmp(s->steps[i].status, "first-contact") || !strcmp(s->steps[i].status, "in-progress") ||
            !strcmp(s->steps[i].status, "completed"))
            return (double)s->steps[i].minutes / 60.0;
    return -1;
}

static const char *kind_of(int org)
{
    return orgs[org].kind ? orgs[org].kind : "unknown";
}

static void truth(enum dim d, const spec *set, size_t n, const signal_spec *sigs, size_t nsigs, tally *t)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < n; i++) {
        const spec *s = &set[i];
        switch (d) {
        case D_KIND: tally_add(t, s->kind); break;
        case D_SENDER: tally_add(t, kind_of(s->from)); break;
        case D_RECIPIENT: tally_add(t, kind_of(s->to)); break;
        case D_DOMAIN:
            for (size_t j = 0; j < 3 && s->domains[j]; j++)
                tally_add(t, s->domains[j]);
            break;
        case D_OUTCOME: tally_add(t, outcome_of(s)); break;
        case D_RIGHT:
            for (size_t j = 0; j < 2 && s->rights[j].status; j++)
                tally_add(t, s->rights[j].status);
            break;
        case D_REASON:
            for (size_t j = 0; j < 2 && s->rights[j].status; j++)
                if (s->rights[j].reason)
                    tally_add(t, s->rights[j].reason);
            break;
        default: break;
        }
    }
    for (size_t i = 0; d == D_BARRIER && i < nsigs; i++)
        for (size_t j = 0; j < 4 && sigs[i].barriers[j]; j++)
            tally_add(t, sigs[i].barriers[j]);
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The contact hours of `set`, sorted; returns how many. */
static size_t hours_of(const spec *set, size_t n, double *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (contact_hours(&set[i]) >= 0)
            out[m++] = contact_hours(&set[i]);
    qsort(out, m, sizeof *out, compare_doubles);
    return m;
}

/* Median: the middle value, or the mean of the two middle ones. */
static void median_text(const double *v, size_t n, char out[32])
{
    snprintf(out, 32, "%.1f", n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

/* p90 by nearest rank: the smallest value with at least 90% of the values at or below it. */
static void p90_text(const double *v, size_t n, char out[32])
{
    size_t rank = 1;
    while (rank * 100 < 90 * n)
        rank++;
    snprintf(out, 32, "%.1f", v[rank - 1]);
}

/* ---- the published rows --------------------------------------------------- */

typedef struct rows {
    gbo_stats_row *r;
    size_t n;
} rows;

static rows rows_of(const gbo_stats *s)
{
    rows out = { NULL, gbo_stats_row_count(s) };
    out.r = calloc(out.n + 1, sizeof *out.r);
    if (!out.r)
        abort();
    for (size_t i = 0; i < out.n; i++)
        CU_ASSERT_TRUE(gbo_stats_row_at(s, i, &out.r[i]));
    CU_ASSERT_FALSE(gbo_stats_row_at(s, out.n, &out.r[out.n]));
    return out;
}

/* The rows of one dimension: first index and count (0 when absent). */
static size_t block(const rows *rs, enum dim d, size_t *first)
{
    size_t n = 0;
    *first = 0;
    for (size_t i = 0; i < rs->n; i++)
        if (!strcmp(rs->r[i].table, dims[d].table) && !strcmp(rs->r[i].dimension, dims[d].dimension)) {
            if (!n)
                *first = i;
            n++;
        }
    return n;
}

static const gbo_stats_row *find(const rows *rs, enum dim d, const char *value)
{
    for (size_t i = 0; i < rs->n; i++)
        if (!strcmp(rs->r[i].table, dims[d].table) && !strcmp(rs->r[i].dimension, dims[d].dimension) &&
            !strcmp(rs->r[i].value, value))
            return &rs->r[i];
    return NULL;
}

static void expect(const rows *rs, enum dim d, const char *value, const char *count, bool hidden)
{
    const gbo_stats_row *r = find(rs, d, value);
    if (!r) {
        fprintf(stderr, "no row %s/%s/%s\n", dims[d].table, dims[d].dimension, value);
        CU_FAIL("a row is missing");
        return;
    }
    if (strcmp(r->count, count) != 0 || r->hidden != hidden) {
        fprintf(stderr, "%s/%s/%s: got \"%s\"%s, want \"%s\"%s\n", dims[d].table, dims[d].dimension, value, r->count,
                r->hidden ? " (hidden)" : "", count, hidden ? " (hidden)" : "");
        CU_FAIL("a published cell differs");
    }
}

/* Every dimension in the documented table order, each once, its values in
 * code order and "total" last (time to first contact: cases, median, p90). */
static void check_order(const rows *rs)
{
    size_t i = 0;
    for (int d = 0; d < NDIMS; d++) {
        size_t first, n = block(rs, (enum dim)d, &first);
        CU_ASSERT_EQUAL(first, i);
        CU_ASSERT(n >= 1);
        if (first != i || n < 1) {
            fprintf(stderr, "dimension %s/%s at row %zu (%zu rows), expected at %zu\n", dims[d].table,
                    dims[d].dimension, first, n, i);
            return;
        }
        if (d == D_HOURS) {
            CU_ASSERT_EQUAL_FATAL(n, 3);
            CU_ASSERT_STRING_EQUAL(rs->r[i].value, "cases");
            CU_ASSERT_STRING_EQUAL(rs->r[i + 1].value, "median");
            CU_ASSERT_STRING_EQUAL(rs->r[i + 2].value, "p90");
        } else {
            for (size_t j = first; j + 1 < first + n - 1; j++)
                CU_ASSERT(strcmp(rs->r[j].value, rs->r[j + 1].value) < 0);
            for (size_t j = first; j < first + n - 1; j++)
                CU_ASSERT(strcmp(rs->r[j].value, "total") != 0);
            CU_ASSERT_STRING_EQUAL(rs->r[first + n - 1].value, "total");
        }
        i += n;
    }
    CU_ASSERT_EQUAL(i, rs->n); /* nothing else */
}

/* What the header says a dimension publishes. A total below K: only the
 * total, hidden. Otherwise every value's cell and the total, or (no
 * threshold protects) only the total, shown; or, for the reasons, the total
 * alone, hidden (withheld for the status cells' sake). Shown cells hold the
 * truth and are at least K; hidden ones read "suppressed", are at least two,
 * lie at least the protection apart, and none is above a shown one. */
static void check_dimension(const rows *rs, enum dim d, const tally *t, unsigned k)
{
    char text[32];
    size_t first, n = block(rs, d, &first), total = tally_total(t), least = SIZE_MAX;
    size_t nhidden = 0, least_hidden = SIZE_MAX, most_hidden = 0, least_shown = SIZE_MAX;
    const gbo_stats_row *r = find(rs, d, "total");

    for (size_t i = 0; i < t->cells; i++)
        least = t->count[i] < least ? t->count[i] : least;
    snprintf(text, sizeof text, "%zu", total);
    if (r && r->hidden) {
        CU_ASSERT_EQUAL(n, 1); /* only the total */
        CU_ASSERT_STRING_EQUAL(r->count, "suppressed");
        CU_ASSERT(total < k || d == D_REASON || d == D_DOMAIN);
        return;
    }
    expect(rs, d, "total", text, false);
    CU_ASSERT(total == 0 || total >= k);
    if (n == 1) { /* only the total: something was below K, or the total is too small for cells */
        CU_ASSERT(t->cells == 0 || least < k || !gbop_stats_cells_publishable(total, k));
        return;
    }
    CU_ASSERT(gbop_stats_cells_publishable(total, k));
    CU_ASSERT_EQUAL(n, t->cells + 1);
    if (n != t->cells + 1)
        fprintf(stderr, "%s/%s: %zu rows, want %zu cells and the total\n", dims[d].table, dims[d].dimension, n,
                t->cells);
    for (size_t i = 0; i < t->cells; i++) {
        if (!(r = find(rs, d, t->value[i]))) {
            CU_FAIL("a cell is missing");
            continue;
        }
        snprintf(text, sizeof text, "%zu", t->count[i]);
        if (r->hidden) {
            CU_ASSERT_STRING_EQUAL(r->count, "suppressed");
            nhidden++;
            least_hidden = t->count[i] < least_hidden ? t->count[i] : least_hidden;
            most_hidden = t->count[i] > most_hidden ? t->count[i] : most_hidden;
        } else {
            CU_ASSERT_STRING_EQUAL(r->count, text);
            CU_ASSERT(t->count[i] >= k);
            least_shown = t->count[i] < least_shown ? t->count[i] : least_shown;
        }
    }
    CU_ASSERT_EQUAL(nhidden > 0, least < k);
    if (nhidden) {
        CU_ASSERT(nhidden >= 2);
        CU_ASSERT(most_hidden - least_hidden >= gbop_stats_protection(k));
        CU_ASSERT(least_shown == SIZE_MAX || most_hidden < least_shown);
    }
}

/* The brief's checker: no dimension publishes its total while hiding
 * exactly one cell (the total minus the shown cells would give it away);
 * and one label for every hidden count. */
static void check_no_lone_hidden_cell(const rows *rs)
{
    for (int d = 0; d < NDIMS; d++) {
        size_t first, n = block(rs, (enum dim)d, &first), hidden = 0;
        if (d == D_HOURS || n == 0)
            continue;
        for (size_t i = first; i < first + n - 1; i++)
            hidden += rs->r[i].hidden;
        if (hidden == 1 && !rs->r[first + n - 1].hidden) {
            fprintf(stderr, "%s/%s: one hidden cell and its total shown\n", dims[d].table, dims[d].dimension);
            CU_FAIL("a hidden cell can be recomputed from the total");
        }
    }
    for (size_t i = 0; i < rs->n; i++)
        CU_ASSERT_EQUAL(rs->r[i].hidden, !strcmp(rs->r[i].count, "suppressed"));
}

/* ---- the reader who knows the rule ------------------------------------------ */

/* The attack of issue #18: a reader who has the release, knows the rule and
 * the tables' structure, tries every table that gives the same release.
 * Counts are the library's own release function (lib/stats_release.h) on
 * candidate tables: the rule as published, run by the reader. */

#define WORLD_CELLS 32
#define WORLD_HOURS 128

typedef struct world {
    gbop_stats_cell cells[GBOP_NGROUPS][WORLD_CELLS];
    size_t ncells[GBOP_NGROUPS];
    double hours[WORLD_HOURS];
    size_t nhours;
} world;

static const enum dim dim_of_group[GBOP_NGROUPS] = {
    [GBOP_REFERRAL_KIND] = D_KIND, [GBOP_SENDER_KIND] = D_SENDER,   [GBOP_RECIPIENT_KIND] = D_RECIPIENT,
    [GBOP_LIFE_DOMAIN] = D_DOMAIN, [GBOP_OUTCOME] = D_OUTCOME,      [GBOP_RIGHT_STATUS] = D_RIGHT,
    [GBOP_NON_TAKE_UP] = D_REASON, [GBOP_SIGNAL_BARRIER] = D_BARRIER,
};

static int compare_world_cells(const void *a, const void *b)
{
    return strcmp(((const gbop_stats_cell *)a)->value, ((const gbop_stats_cell *)b)->value);
}

static void world_set(world *w, int g, const tally *t)
{
    if (t->cells > WORLD_CELLS)
        abort();
    w->ncells[g] = t->cells;
    for (size_t i = 0; i < t->cells; i++)
        w->cells[g][i] = (gbop_stats_cell){ t->value[i], t->count[i] };
    qsort(w->cells[g], w->ncells[g], sizeof *w->cells[g], compare_world_cells);
}

/* The counts behind a set of documents, as the test's own truth has them. */
static void world_of(world *w, const spec *set, size_t n, const signal_spec *sigs, size_t nsigs)
{
    tally t;
    memset(w, 0, sizeof *w);
    for (int g = 0; g < GBOP_NGROUPS; g++) {
        truth(dim_of_group[g], set, n, sigs, nsigs, &t);
        world_set(w, g, &t);
    }
    if (n > WORLD_HOURS)
        abort();
    w->nhours = hours_of(set, n, w->hours);
}

static int emit_text(void *ctx, const char *table, const char *dimension, const char *value, const char *count,
                     bool hidden)
{
    put(ctx, "%s/%s/%s=%s%s\n", table, dimension, value, count, hidden ? " (hidden)" : "");
    return 0;
}

/* The release of `w` with minimum count k, as text (reusing *b). */
static const char *release_of(const world *w, unsigned k, buf *b)
{
    gbop_stats_tables t;
    b->len = 0;
    put(b, "%s", "");
    for (int g = 0; g < GBOP_NGROUPS; g++) {
        t.cells[g] = w->cells[g];
        t.ncells[g] = w->ncells[g];
    }
    t.hours = w->hours;
    t.nhours = w->nhours;
    CU_ASSERT_EQUAL(gbop_stats_release(&t, k, emit_text, b), 0);
    return b->p;
}

static void rows_text(const rows *rs, buf *b)
{
    b->len = 0;
    put(b, "%s", "");
    for (size_t i = 0; i < rs->n; i++)
        emit_text(b, rs->r[i].table, rs->r[i].dimension, rs->r[i].value, rs->r[i].count, rs->r[i].hidden);
}

static size_t cell_of(const world *w, int g, const char *value)
{
    for (size_t i = 0; i < w->ncells[g]; i++)
        if (!strcmp(w->cells[g][i].value, value))
            return w->cells[g][i].count;
    return 0;
}

static size_t world_total(const world *w, int g)
{
    size_t total = 0;
    for (size_t i = 0; i < w->ncells[g]; i++)
        total += w->cells[g][i].count;
    return total;
}

/* Is candidate `w` a world the reader must consider? Beyond the release it
 * must agree with what valid documents always have: a refused or
 * not-pursued assessment gives a reason; a referral that reached
 * first-contact, in-progress or completed had its first contact, and only
 * those and the returned, cancelled or withdrawn ones can have had it; a
 * referral names a life domain once. The candidate's reasons and cases are
 * made to fit where the release hides them. */
static bool plausible(world *w, const world *truth, int g, size_t referrals, bool cases_shown)
{
    if (g == GBOP_RIGHT_STATUS) {
        size_t bound = cell_of(w, g, "refused") + cell_of(w, g, "not-pursued");
        size_t reasons = world_total(truth, GBOP_NON_TAKE_UP);
        if (bound > reasons) { /* give the extra assessments a reason "other" */
            size_t i, n = w->ncells[GBOP_NON_TAKE_UP];
            for (i = 0; i < n && strcmp(w->cells[GBOP_NON_TAKE_UP][i].value, "other") != 0; i++)
                ;
            if (i == n) {
                w->cells[GBOP_NON_TAKE_UP][n] = (gbop_stats_cell){ "other", 0 };
                w->ncells[GBOP_NON_TAKE_UP]++;
            }
            w->cells[GBOP_NON_TAKE_UP][i].count += bound - reasons;
            qsort(w->cells[GBOP_NON_TAKE_UP], w->ncells[GBOP_NON_TAKE_UP], sizeof(gbop_stats_cell),
                  compare_world_cells);
        }
    }
    if (g == GBOP_OUTCOME) {
        size_t reached = cell_of(w, g, "first-contact") + cell_of(w, g, "in-progress") + cell_of(w, g, "completed");
        size_t most = reached + cell_of(w, g, "returned") + cell_of(w, g, "cancelled") + cell_of(w, g, "withdrawn");
        if (cases_shown) /* the true cases and hours, if the outcomes allow them */
            return reached <= truth->nhours && truth->nhours <= most;
        if (reached > WORLD_HOURS)
            return false;
        w->nhours = reached;
        for (size_t i = 0; i < reached; i++)
            w->hours[i] = (double)i;
    }
    for (size_t i = 0; g == GBOP_LIFE_DOMAIN && i < w->ncells[g]; i++)
        if (w->cells[g][i].count > referrals)
            return false;
    return true;
}

/* Does the release hide this row (whatever its label)? */
static bool hidden_in(const char *release, const char *table, const char *dimension, const char *value)
{
    char row[160];
    const char *at, *end;
    snprintf(row, sizeof row, "%s/%s/%s=", table, dimension, value);
    for (at = strstr(release, row); at && at != release && at[-1] != '\n'; at = strstr(at + 1, row))
        ;
    if (!at)
        return false;
    end = strchr(at, '\n');
    return end && end - at > 9 && !strncmp(end - 9, " (hidden)", 9);
}

typedef struct attack {
    const world *truth;
    unsigned k;
    int g;
    const char *release;
    size_t hidden[WORLD_CELLS], nhidden;
    size_t lo[WORLD_CELLS], hi[WORLD_CELLS];
    size_t consistent, tried;
    size_t cases_lo, cases_hi; /* what the outcomes of the consistent tables allow */
    bool truth_found;
    world w;
    buf b;
} attack;

/* Every way of giving the hidden cells h … counts that add up to `rest`. */
static void try_counts(attack *a, size_t h, size_t rest)
{
    if (h + 1 == a->nhidden) {
        world w;
        bool is_truth = true;
        a->w.cells[a->g][a->hidden[h]].count = rest;
        w = a->w;
        a->tried++;
        if (!plausible(&w, a->truth, a->g, world_total(a->truth, GBOP_REFERRAL_KIND),
                       !hidden_in(a->release, "time-to-first-contact", "hours", "cases")) ||
            strcmp(release_of(&w, a->k, &a->b), a->release) != 0)
            return;
        a->consistent++;
        for (size_t i = 0; i < a->nhidden; i++) {
            size_t v = a->w.cells[a->g][a->hidden[i]].count;
            is_truth = is_truth && v == a->truth->cells[a->g][a->hidden[i]].count;
            if (v < a->lo[i])
                a->lo[i] = v;
            if (v > a->hi[i])
                a->hi[i] = v;
        }
        a->truth_found = a->truth_found || is_truth;
        if (a->g == GBOP_OUTCOME) {
            size_t reached = cell_of(&w, a->g, "first-contact") + cell_of(&w, a->g, "in-progress") +
                             cell_of(&w, a->g, "completed");
            size_t most = reached + cell_of(&w, a->g, "returned") +
                                              cell_of(&w, a->g, "cancelled") + cell_of(&w, a->g, "withdrawn");
            a->cases_lo = reached < a->cases_lo ? reached : a->cases_lo;
            a->cases_hi = most > a->cases_hi ? most : a->cases_hi;
        }
        return;
    }
    for (size_t v = 1; v + (a->nhidden - h - 1) <= rest; v++) {
        a->w.cells[a->g][a->hidden[h]].count = v;
        try_counts(a, h + 1, rest - v);
    }
}

/* Attacks one dimension of the release of `truth`; returns how many hidden
 * cells of 1 … K-1 it narrows below the protection. */
static size_t attack_dimension(const world *truth, unsigned k, int g, const char *release, const char *label)
{
    attack a;
    size_t rest = 0, narrowed = 0;
    memset(&a, 0, sizeof a);
    a.truth = truth;
    a.k = k;
    a.g = g;
    a.release = release;
    a.w = *truth;
    a.cases_lo = SIZE_MAX;
    for (size_t i = 0; i < truth->ncells[g]; i++) {
        if (hidden_in(release, gbop_stats_groups[g].table, gbop_stats_groups[g].dimension,
                      truth->cells[g][i].value)) {
            a.lo[a.nhidden] = SIZE_MAX;
            a.hidden[a.nhidden++] = i;
            rest += truth->cells[g][i].count;
        }
    }
    if (!a.nhidden)
        return 0;
    try_counts(&a, 0, rest);
    CU_ASSERT_TRUE(a.truth_found); /* the reader's model admits the truth */
    for (size_t i = 0; i < a.nhidden; i++) {
        size_t v = truth->cells[g][a.hidden[i]].count;
        if (v >= 1 && v < k && a.hi[i] - a.lo[i] < gbop_stats_protection(k)) {
            fprintf(stderr, "%s: K %u: %s/%s/%s (%zu) is one of %zu … %zu in %zu of %zu tables\n", label, k,
                    gbop_stats_groups[g].table, gbop_stats_groups[g].dimension, truth->cells[g][a.hidden[i]].value, v,
                    a.lo[i], a.hi[i], a.consistent, a.tried);
            narrowed++;
        }
    }
    if (g == GBOP_OUTCOME && truth->nhours >= 1 && truth->nhours < k &&
        hidden_in(release, "time-to-first-contact", "hours", "cases") &&
        a.cases_hi - a.cases_lo < gbop_stats_protection(k)) {
        fprintf(stderr, "%s: K %u: the cases (%zu) are one of %zu … %zu\n", label, k, truth->nhours, a.cases_lo,
                a.cases_hi);
        narrowed++;
    }
    free(a.b.p);
    return narrowed;
}

/* The cases of time to first contact, hidden while every outcome is shown:
 * every count of contacts the outcomes allow. (With outcomes hidden the
 * outcomes' attack tries the cases too; with only their total published the
 * reader knows of the cases no more than that total.) */
static size_t attack_cases(const world *truth, unsigned k, const char *release, const char *label)
{
    size_t reached = cell_of(truth, GBOP_OUTCOME, "first-contact") + cell_of(truth, GBOP_OUTCOME, "in-progress") +
                     cell_of(truth, GBOP_OUTCOME, "completed");
    size_t most = reached + cell_of(truth, GBOP_OUTCOME, "returned") + cell_of(truth, GBOP_OUTCOME, "cancelled") +
                  cell_of(truth, GBOP_OUTCOME, "withdrawn");
    size_t lo = SIZE_MAX, hi = 0;
    buf b = { NULL, 0, 0 };
    world w = *truth;
    char shown[96];
    if (!hidden_in(release, "time-to-first-contact", "hours", "cases") || truth->nhours == 0 ||
        truth->nhours >= k)
        return 0;
    for (size_t i = 0; i < truth->ncells[GBOP_OUTCOME]; i++) {
        snprintf(shown, sizeof shown, "outcomes/status/%s=%zu\n", truth->cells[GBOP_OUTCOME][i].value,
                 truth->cells[GBOP_OUTCOME][i].count);
        if (!strstr(release, shown))
            return 0;
    }
    for (size_t n = reached; n <= most && n <= WORLD_HOURS; n++) {
        w.nhours = n;
        for (size_t i = 0; i < n; i++)
            w.hours[i] = (double)i;
        if (strcmp(release_of(&w, k, &b), release) == 0) {
            lo = n < lo ? n : lo;
            hi = n > hi ? n : hi;
        }
    }
    free(b.p);
    if (lo == SIZE_MAX || hi - lo < gbop_stats_protection(k)) {
        fprintf(stderr, "%s: K %u: the cases (%zu) are one of %zu … %zu\n", label, k, truth->nhours, lo, hi);
        return 1;
    }
    return 0;
}

/* A dimension that publishes only its total, shown: the reader tries every
 * way of splitting it into counts (any values, as the rows name none) and
 * learns which counts a value that occurs may have. */
typedef struct split {
    world w;
    int g;
    unsigned k;
    const char *release;
    size_t parts[64], nparts, lo, hi, consistent;
    char labels[64][8];
    buf b;
} split;

static void try_splits(split *s, size_t rest, size_t most)
{
    if (rest == 0) {
        world w = s->w;
        for (size_t i = 0; i < s->nparts; i++)
            w.cells[s->g][i] = (gbop_stats_cell){ s->labels[i], s->parts[i] };
        w.ncells[s->g] = s->nparts;
        if (strcmp(release_of(&w, s->k, &s->b), s->release) == 0) {
            s->consistent++;
            for (size_t i = 0; i < s->nparts; i++) {
                s->lo = s->parts[i] < s->lo ? s->parts[i] : s->lo;
                s->hi = s->parts[i] > s->hi ? s->parts[i] : s->hi;
            }
        }
        return;
    }
    for (size_t v = rest < most ? rest : most; v >= 1 && s->nparts < WORLD_CELLS; v--) {
        s->parts[s->nparts++] = v;
        try_splits(s, rest - v, v);
        s->nparts--;
    }
}

/* Returns 1 when a count of 1 … K-1 is narrowed; *attacked counts the tries. */
static size_t attack_only_total(const world *truth, unsigned k, int g, const char *release, const char *label,
                                size_t *attacked)
{
    split s;
    size_t total = world_total(truth, g), small = 0;
    char row[160];
    for (size_t i = 0; i < truth->ncells[g]; i++)
        small += truth->cells[g][i].count < k;
    snprintf(row, sizeof row, "%s/%s/total=%zu\n", gbop_stats_groups[g].table, gbop_stats_groups[g].dimension,
             total);
    if (!small || total > 32 || !strstr(release, row)) /* p(32) = 8349 ways to split */
        return 0;
    for (size_t i = 0; i < truth->ncells[g]; i++) { /* listed: not this attack's */
        char listed[160];
        snprintf(listed, sizeof listed, "%s/%s/%s=", gbop_stats_groups[g].table, gbop_stats_groups[g].dimension,
                 truth->cells[g][i].value);
        if (strstr(release, listed))
            return 0;
    }
    memset(&s, 0, sizeof s);
    s.w = *truth;
    s.g = g;
    s.k = k;
    s.release = release;
    s.lo = SIZE_MAX;
    for (size_t i = 0; i < 64; i++)
        snprintf(s.labels[i], sizeof s.labels[i], "v%02zu", i);
    try_splits(&s, total, total);
    free(s.b.p);
    (*attacked)++;
    if (s.consistent == 0 || s.hi - s.lo < gbop_stats_protection(k)) {
        fprintf(stderr, "%s: K %u: %s/%s publishes only its total %zu: a value occurs %zu … %zu times\n", label, k,
                gbop_stats_groups[g].table, gbop_stats_groups[g].dimension, total, s.lo, s.hi);
        return 1;
    }
    return 0;
}

static size_t only_totals_attacked;

/* Every hidden count of the release of `truth`, attacked; how many fell. */
static size_t attack_release(const world *truth, unsigned k, const char *label)
{
    buf b = { NULL, 0, 0 };
    size_t narrowed = 0;
    char *release;
    release_of(truth, k, &b);
    release = b.p;
    for (int g = 0; g < GBOP_NGROUPS; g++) {
        narrowed += attack_dimension(truth, k, g, release, label);
        narrowed += attack_only_total(truth, k, g, release, label, &only_totals_attacked);
    }
    narrowed += attack_cases(truth, k, release, label);
    free(release);
    return narrowed;
}

/* ---- generated document sets ------------------------------------------------ */

static unsigned long next_random(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return (*state >> 33) & 0x7fffffffUL;
}

/* One of `n` choices, each as likely as its weight. */
static size_t pick(unsigned long *state, const unsigned *weights, size_t n)
{
    unsigned sum = 0, r;
    for (size_t i = 0; i < n; i++)
        sum += weights[i];
    r = (unsigned)(next_random(state) % sum);
    for (size_t i = 0; i < n; i++) {
        if (r < weights[i])
            return i;
        r -= weights[i];
    }
    return n - 1;
}

#define PICK(state, names, weights) names[pick(state, weights, sizeof weights / sizeof *weights)]

/* A skewed set of 8 … 24 referrals between A, B, C and X, with their
 * updates, and 0 … 10 signals: the small cells a small OCMW's month has. */
static void random_set(unsigned long seed, spec *set, size_t *n, signal_spec *sigs, size_t *nsigs)
{
    static const char *const kinds[] = { "warm-referral", "consult", "dossier-transfer", "joint-intake" };
    static const unsigned kind_w[] = { 8, 4, 2, 1 };
    static const int senders[] = { LSS, CAW, DMW };
    static const unsigned sender_w[] = { 6, 3, 1 };
    static const int recipients[] = { CAW, DMW, LSS, UNK };
    static const unsigned recipient_w[] = { 5, 3, 2, 1 };
    static const char *const domains[] = { "housing", "income-finances", "debts", "health", "work", "safety" };
    static const unsigned domain_w[] = { 5, 4, 2, 3, 2, 1 };
    static const char *const rights[] = { "potential", "explored", "applied", "granted", "refused", "not-pursued" };
    static const unsigned right_w[] = { 5, 3, 3, 2, 1, 2 };
    static const char *const reasons[] = { "administrative-barrier", "digital-barrier", "unknown-right",
                                           "chose-not-to-apply" };
    static const unsigned reason_w[] = { 3, 2, 1, 1 };
    static const char *const outcomes[] = { "sent", "received", "accepted", "declined", "first-contact",
                                            "in-progress", "completed", "returned" };
    static const unsigned outcome_w[] = { 3, 1, 1, 2, 2, 2, 5, 1 };
    static const char *const barriers[] = { "reachability", "comprehensibility", "affordability", "usability" };
    static const unsigned barrier_w[] = { 5, 4, 2, 1 };
    unsigned long st = seed * 7919 + 17;

    *n = 8 + next_random(&st) % 17;
    memset(set, 0, *n * sizeof *set);
    for (size_t i = 0; i < *n; i++) {
        spec *s = &set[i];
        const char *outcome;
        long m = 120 + (long)(next_random(&st) % 20000);
        size_t nd = 1 + next_random(&st) % 3, nr = next_random(&st) % 3;
        s->kind = PICK(&st, kinds, kind_w);
        s->from = PICK(&st, senders, sender_w);
        do
            s->to = PICK(&st, recipients, recipient_w);
        while (s->to == s->from);
        for (size_t j = 0, d = 0; j < 8 && d < nd; j++) {
            const char *domain = PICK(&st, domains, domain_w);
            bool seen = false;
            for (size_t e = 0; e < d; e++)
                seen = seen || !strcmp(s->domains[e], domain);
            if (!seen)
                s->domains[d++] = domain;
        }
        for (size_t j = 0; j < nr; j++) {
            s->rights[j].status = PICK(&st, rights, right_w);
            if (!strcmp(s->rights[j].status, "refused") || !strcmp(s->rights[j].status, "not-pursued"))
                s->rights[j].reason = PICK(&st, reasons, reason_w);
        }
        outcome = s->to == UNK ? "sent" : PICK(&st, outcomes, outcome_w); /* X posts nothing */
        if (!strcmp(outcome, "received")) {
            s->steps[0] = (step){ "received", 30, NULL };
        } else if (!strcmp(outcome, "accepted")) {
            s->steps[0] = (step){ "received", 30, NULL };
            s->steps[1] = (step){ "accepted", 60, NULL };
        } else if (!strcmp(outcome, "declined")) {
            s->steps[0] = (step){ "received", 30, NULL };
            s->steps[1] = (step){ "declined", 120, "no-capacity" };
        } else if (strcmp(outcome, "sent") != 0) {
            s->steps[0] = (step){ "accepted", 60, NULL };
            s->steps[1] = (step){ !strcmp(outcome, "in-progress") ? "in-progress" : "first-contact", m, NULL };
            if (!strcmp(outcome, "completed") || !strcmp(outcome, "returned"))
                s->steps[2] = (step){ outcome, m + 600, NULL };
        }
    }
    *nsigs = next_random(&st) % 11;
    memset(sigs, 0, *nsigs * sizeof *sigs);
    for (size_t i = 0; i < *nsigs; i++)
        for (size_t j = 0, b = 0, nb = 1 + next_random(&st) % 3; j < 8 && b < nb; j++) {
            const char *barrier = PICK(&st, barriers, barrier_w);
            bool seen = false;
            for (size_t e = 0; e < b; e++)
                seen = seen || !strcmp(sigs[i].barriers[e], barrier);
            if (!seen)
                sigs[i].barriers[b++] = barrier;
        }
}

/* Issue #18: for generated document sets with small cells, a reader who
 * tries every table consistent with the release and the rule narrows no
 * hidden count of 1 … K-1 below the protection. The release is the
 * documents' (gbo_stats), and the counts the reader starts from are checked
 * to give that very release. */
static void a_reader_cannot_narrow_hidden_cells(void)
{
    static const unsigned ks[] = { 3, 5 };
    size_t narrowed = 0, hidden = 0;
    for (unsigned long seed = 0; seed < 30; seed++) {
        spec set[24];
        signal_spec sigs[10];
        size_t n, nsigs;
        docs d = { NULL, 0, 0 };
        buf b = { NULL, 0, 0 }, c = { NULL, 0, 0 };
        world w;
        random_set(seed, set, &n, sigs, &nsigs);
        referral_documents(&d, set, n, 0, true);
        if (nsigs) {
            signal_document(&b, sigs, 0, nsigs, 900);
            docs_read(&d, &b);
        }
        world_of(&w, set, n, sigs, nsigs);
        for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
            gbo_stats *s = stats_of(&d, ks[i]);
            rows rs = rows_of(s);
            char label[32];
            rows_text(&rs, &c);
            if (strcmp(c.p, release_of(&w, ks[i], &b)) != 0) {
                fprintf(stderr, "set %lu, K %u: the documents give\n%s\nthe counts\n%s", seed, ks[i], c.p, b.p);
                CU_FAIL("the reader's counts are not the documents'");
            }
            for (size_t r = 0; r < rs.n; r++)
                hidden += rs.r[r].hidden;
            check_order(&rs);
            snprintf(label, sizeof label, "set %lu", seed);
            narrowed += attack_release(&w, ks[i], label);
            free(rs.r);
            gbo_stats_free(s);
        }
        free(b.p);
        free(c.p);
        docs_free(&d);
    }
    CU_ASSERT(hidden > 100); /* the sets do have small cells */
    CU_ASSERT(only_totals_attacked > 10); /* and dimensions that publish only their total */
    CU_ASSERT_EQUAL(narrowed, 0);
}

/* The three releases of issue #18, each undone on the rule before. */
static void the_releases_of_issue_18(void)
{
    static const gbop_stats_cell kinds[] = { { "consult", 1 }, { "joint-intake", 1 }, { "warm-referral", 10 } };
    static const gbop_stats_cell recipients[] = { { "caw", 15 }, { "dmw", 3 }, { "kind-en-gezin", 1 }, { "vdab", 11 } };
    static const gbop_stats_cell outcomes[] = {
        { "completed", 6 }, { "declined", 1 }, { "first-contact", 3 }, { "in-progress", 5 }, { "sent", 5 }
    };
    static const double five[] = { 1.5, 2, 3, 4, 321 };
    static const char *const kinds_once[] = { "consult", "dossier-transfer", "joint-intake", "outreach-signal",
                                              "warm-referral" };
    world w;
    buf b = { NULL, 0, 0 };

    /* 1. the labels: one label for whatever hid a cell; the two 1s need more than warm-referral */
    memset(&w, 0, sizeof w);
    memcpy(w.cells[GBOP_REFERRAL_KIND], kinds, sizeof kinds);
    w.ncells[GBOP_REFERRAL_KIND] = 3;
    CU_ASSERT_EQUAL(attack_release(&w, 5, "referrals,kind"), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(release_of(&w, 5, &b), "referrals/kind/warm-referral=suppressed (hidden)\n"));
    CU_ASSERT_PTR_NULL(strstr(b.p, "<5"));
    /* ... and with K = 3: caw 15, dmw 3, kind-en-gezin 1, vdab 11 (the rule before hid dmw, then vdab, and kind-en-gezin was 1) */
    memset(&w, 0, sizeof w);
    memcpy(w.cells[GBOP_RECIPIENT_KIND], recipients, sizeof recipients);
    w.ncells[GBOP_RECIPIENT_KIND] = 4;
    CU_ASSERT_EQUAL(attack_release(&w, 3, "referrals,recipient-kind"), 0);

    /* 2. the outcomes beside the cases of time to first contact */
    memset(&w, 0, sizeof w);
    memcpy(w.cells[GBOP_OUTCOME], outcomes, sizeof outcomes);
    w.ncells[GBOP_OUTCOME] = 5;
    w.nhours = 14;
    for (size_t i = 0; i < w.nhours; i++)
        w.hours[i] = (double)(i + 1);
    CU_ASSERT_EQUAL(attack_release(&w, 5, "outcomes"), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(release_of(&w, 5, &b), "time-to-first-contact/hours/cases=suppressed (hidden)\n"));

    /* found in review: a total published alone still told that every value occurring occurs once
     * (K = 3, five kinds once each), or 1 … 3 times (K = 5, 3 and 2); and the life domains
     * bounded a hidden number of referrals (each names a domain once) */
    memset(&w, 0, sizeof w);
    for (size_t i = 0; i < 5; i++)
        w.cells[GBOP_REFERRAL_KIND][i] = (gbop_stats_cell){ kinds_once[i], 1 };
    w.ncells[GBOP_REFERRAL_KIND] = 5;
    CU_ASSERT_EQUAL(attack_release(&w, 3, "five kinds once"), 0);
    memset(&w, 0, sizeof w);
    w.cells[GBOP_REFERRAL_KIND][0] = (gbop_stats_cell){ "consult", 3 };
    w.cells[GBOP_REFERRAL_KIND][1] = (gbop_stats_cell){ "warm-referral", 2 };
    w.ncells[GBOP_REFERRAL_KIND] = 2;
    CU_ASSERT_EQUAL(attack_release(&w, 5, "3 and 2"), 0);
    CU_ASSERT_PTR_NULL(strstr(release_of(&w, 5, &b), "referrals/kind/consult"));
    memset(&w, 0, sizeof w);
    w.cells[GBOP_REFERRAL_KIND][0] = (gbop_stats_cell){ "warm-referral", 2 };
    w.ncells[GBOP_REFERRAL_KIND] = 1;
    for (size_t i = 0; i < 3; i++)
        w.cells[GBOP_LIFE_DOMAIN][i] = (gbop_stats_cell){ kinds_once[i], i ? 2 : 1 };
    w.ncells[GBOP_LIFE_DOMAIN] = 3;
    CU_ASSERT_PTR_NOT_NULL(strstr(release_of(&w, 3, &b), "referrals/life-domain/total=suppressed (hidden)\n"));

    /* 3. p90 of five cases is one client's wait: not published */
    memset(&w, 0, sizeof w);
    w.cells[GBOP_OUTCOME][0] = (gbop_stats_cell){ "completed", 6 };
    w.ncells[GBOP_OUTCOME] = 1;
    memcpy(w.hours, five, sizeof five);
    w.nhours = 5;
    release_of(&w, 5, &b);
    CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "time-to-first-contact/hours/cases=5\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "time-to-first-contact/hours/median=suppressed (hidden)\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(b.p, "time-to-first-contact/hours/p90=suppressed (hidden)\n"));
    CU_ASSERT_PTR_NULL(strstr(b.p, "321"));
    free(b.p);
}

/* ---- the tests -------------------------------------------------------------- */

/* K = 1: every count is the truth, totals are sums, nothing hidden. */
static void every_count_with_k1(void)
{
    docs d = { NULL, 0, 0 };
    gbo_stats *s;
    rows rs;
    tally t;
    double hours[NMAIN];
    size_t n;
    char text[32];

    main_documents(&d, 0);
    s = stats_of(&d, 1);
    rs = rows_of(s);
    check_order(&rs);
    for (int dim = 0; dim < NDIMS; dim++) {
        if (dim == D_HOURS)
            continue;
        truth((enum dim)dim, main_set, NMAIN, main_signals, NSIGNALS, &t);
        check_dimension(&rs, (enum dim)dim, &t, 1);
    }
    for (size_t i = 0; i < rs.n; i++)
        CU_ASSERT_FALSE(rs.r[i].hidden);

    /* the generator's own truth is what the brief describes */
    truth(D_KIND, main_set, NMAIN, NULL, 0, &t);
    CU_ASSERT_EQUAL(tally_of(&t, "warm-referral"), 12);
    CU_ASSERT_EQUAL(tally_of(&t, "consult"), 7);
    CU_ASSERT_EQUAL(tally_of(&t, "dossier-transfer"), 3);
    CU_ASSERT_EQUAL(tally_of(&t, "joint-intake"), 1);
    expect(&rs, D_KIND, "warm-referral", "12", false);
    expect(&rs, D_KIND, "total", "23", false);
    expect(&rs, D_SENDER, "local-social-service", "14", false);
    expect(&rs, D_SENDER, "caw", "6", false);
    expect(&rs, D_SENDER, "dmw", "3", false);
    expect(&rs, D_RECIPIENT, "clb", "4", false);     /* described in a later document of its own */
    expect(&rs, D_RECIPIENT, "unknown", "2", false); /* described nowhere */
    expect(&rs, D_DOMAIN, "total", "41", false);
    expect(&rs, D_OUTCOME, "completed", "6", false);
    expect(&rs, D_OUTCOME, "sent", "3", false);
    expect(&rs, D_RIGHT, "total", "30", false);
    expect(&rs, D_REASON, "administrative-barrier", "2", false);
    expect(&rs, D_BARRIER, "total", "17", false);
    CU_ASSERT_PTR_NULL(find(&rs, D_OUTCOME, "cancelled")); /* no empty cells */

    /* time to first contact */
    n = hours_of(main_set, NMAIN, hours);
    CU_ASSERT_EQUAL(n, 12);
    snprintf(text, sizeof text, "%zu", n);
    expect(&rs, D_HOURS, "cases", text, false);
    median_text(hours, n, text);
    expect(&rs, D_HOURS, "median", text, false);
    CU_ASSERT_STRING_EQUAL(text, "49.5");
    p90_text(hours, n, text);
    expect(&rs, D_HOURS, "p90", text, false);
    CU_ASSERT_STRING_EQUAL(text, "150.0");

    free(rs.r);
    gbo_stats_free(s);
    docs_free(&d);
}

/* K = 5 (the default): small cells, complementary suppression, totals. */
static void small_cells_with_k5(void)
{
    docs d = { NULL, 0, 0 };
    gbo_stats *s;
    rows rs;
    tally t;
    world w;

    main_documents(&d, 0);
    s = stats_of(&d, GBO_STATS_MIN_COUNT);
    CU_ASSERT_EQUAL(GBO_STATS_MIN_COUNT, 5);
    rs = rows_of(s);
    check_order(&rs);
    for (int dim = 0; dim < NDIMS; dim++) {
        if (dim == D_HOURS)
            continue;
        truth((enum dim)dim, main_set, NMAIN, main_signals, NSIGNALS, &t);
        check_dimension(&rs, (enum dim)dim, &t, 5);
    }
    /* 1 and 3 lie 2 apart, below the protection 3: consult 7 is hidden too */
    expect(&rs, D_KIND, "consult", "suppressed", true);
    expect(&rs, D_KIND, "dossier-transfer", "suppressed", true);
    expect(&rs, D_KIND, "joint-intake", "suppressed", true);
    expect(&rs, D_KIND, "warm-referral", "12", false);
    expect(&rs, D_KIND, "total", "23", false);
    /* one below K: the cells up to the next count, 6 */
    expect(&rs, D_SENDER, "caw", "suppressed", true);
    expect(&rs, D_SENDER, "dmw", "suppressed", true);
    expect(&rs, D_SENDER, "local-social-service", "14", false);
    expect(&rs, D_SENDER, "total", "23", false);
    expect(&rs, D_RECIPIENT, "caw", "10", false);
    expect(&rs, D_RECIPIENT, "clb", "suppressed", true);
    expect(&rs, D_RECIPIENT, "dmw", "suppressed", true);
    expect(&rs, D_RECIPIENT, "unknown", "suppressed", true);
    /* none below K */
    expect(&rs, D_DOMAIN, "work", "5", false);
    expect(&rs, D_DOMAIN, "total", "41", false);
    expect(&rs, D_OUTCOME, "completed", "6", false);
    expect(&rs, D_OUTCOME, "accepted", "suppressed", true);
    expect(&rs, D_OUTCOME, "total", "23", false);
    /* not-pursued 3 and granted 5 are 2 apart: applied 6 too */
    expect(&rs, D_RIGHT, "applied", "suppressed", true);
    expect(&rs, D_RIGHT, "granted", "suppressed", true);
    expect(&rs, D_RIGHT, "not-pursued", "suppressed", true);
    expect(&rs, D_RIGHT, "total", "30", false);
    /* a total below K: only the total */
    CU_ASSERT_PTR_NULL(find(&rs, D_REASON, "administrative-barrier"));
    CU_ASSERT_PTR_NULL(find(&rs, D_REASON, "digital-barrier"));
    expect(&rs, D_REASON, "total", "suppressed", true);
    expect(&rs, D_BARRIER, "affordability", "suppressed", true);
    expect(&rs, D_BARRIER, "comprehensibility", "suppressed", true);
    expect(&rs, D_BARRIER, "reachability", "8", false);
    expect(&rs, D_BARRIER, "total", "17", false);
    /* 12 cases, but the outcomes hide cells the cases would tell of */
    expect(&rs, D_HOURS, "cases", "suppressed", true);
    expect(&rs, D_HOURS, "median", "suppressed", true);
    expect(&rs, D_HOURS, "p90", "suppressed", true);

    check_no_lone_hidden_cell(&rs);
    world_of(&w, main_set, NMAIN, main_signals, NSIGNALS);
    CU_ASSERT_EQUAL(attack_release(&w, 5, "main set"), 0);
    free(rs.r);
    gbo_stats_free(s);
    docs_free(&d);
}

/* Other values of K over the same documents: the rules hold for each. */
static void other_k(void)
{
    static const unsigned ks[] = { 2, 3, 4, 6, 7, 8, 10, 13, 24, 50 };
    docs d = { NULL, 0, 0 };
    tally t;
    world w;

    main_documents(&d, 0);
    world_of(&w, main_set, NMAIN, main_signals, NSIGNALS);
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        gbo_stats *s = stats_of(&d, ks[i]);
        rows rs = rows_of(s);
        check_order(&rs);
        for (int dim = 0; dim < NDIMS; dim++) {
            if (dim == D_HOURS)
                continue;
            truth((enum dim)dim, main_set, NMAIN, main_signals, NSIGNALS, &t);
            check_dimension(&rs, (enum dim)dim, &t, ks[i]);
        }
        check_no_lone_hidden_cell(&rs);
        CU_ASSERT_EQUAL(attack_release(&w, ks[i], "main set"), 0);
        /* with every K an outcome is hidden (accepted is 1): so are the cases */
        expect(&rs, D_HOURS, "cases", "suppressed", true);
        expect(&rs, D_HOURS, "median", "suppressed", true);
        expect(&rs, D_HOURS, "p90", "suppressed", true);
        free(rs.r);
        gbo_stats_free(s);
    }
    docs_free(&d);
}

/* Referrals that only wait for their first contact, `minutes` after createdAt. */
static void contact_set(spec *set, const long *minutes, size_t n)
{
    memset(set, 0, n * sizeof *set);
    for (size_t i = 0; i < n; i++) {
        set[i].kind = "warm-referral";
        set[i].from = LSS;
        set[i].to = CAW;
        set[i].steps[0] = (step){ "accepted", 30, NULL };
        set[i].steps[1] = (step){ "first-contact", minutes[i], NULL };
    }
}

static void check_hours(const long *minutes, size_t n, unsigned k, const char *cases, const char *median,
                        const char *p90)
{
    spec set[64];
    docs d = { NULL, 0, 0 };
    gbo_stats *s;
    rows rs;
    double hours[64];
    char text[32];
    size_t first;

    contact_set(set, minutes, n);
    referral_documents(&d, set, n, 0, true);
    s = stats_of(&d, k);
    rs = rows_of(s);
    check_order(&rs);
    CU_ASSERT_EQUAL(hours_of(set, n, hours), n);
    CU_ASSERT_EQUAL(block(&rs, D_HOURS, &first), 3);
    expect(&rs, D_HOURS, "cases", cases ? cases : "suppressed", !cases);
    expect(&rs, D_HOURS, "median", median ? median : "suppressed", !median);
    expect(&rs, D_HOURS, "p90", p90 ? p90 : "suppressed", !p90);
    if (median) { /* the test's own arithmetic */
        median_text(hours, n, text);
        CU_ASSERT_STRING_EQUAL(text, median);
    }
    if (p90) {
        p90_text(hours, n, text);
        CU_ASSERT_STRING_EQUAL(text, p90);
    }
    free(rs.r);
    gbo_stats_free(s);
    docs_free(&d);
}

/* A quantile only where K cases rank below the values it is made of and K
 * above: never one of the K-1 shortest or longest waits (issue #18: p90 of 5
 * cases was the longest). */
static void time_to_first_contact(void)
{
    static const long five[] = { 24000, 60, 420, 195, 600 };
    static const long ten[] = { 600, 60, 300, 540, 120, 480, 240, 420, 180, 360 };
    long hours[64];
    for (size_t i = 0; i < 64; i++)
        hours[i] = (long)(64 - i) * 60; /* 64 … 1 hours, in no order the figures rely on */
    check_hours(five, 5, 5, NULL, NULL, NULL); /* outcomes of 5 with K = 5: only their total, so no cases */
    check_hours(five, 5, 4, "5", NULL, NULL);  /* cases 5: enough to count, not for a quantile */
    check_hours(five, 5, 6, NULL, NULL, NULL); /* cases below K */
    check_hours(ten, 10, 5, "10", NULL, NULL); /* the median of 10 is the 5th and 6th: 4 below */
    check_hours(ten, 10, 4, "10", "5.5", NULL); /* 4 below, 4 above; p90, the 9th, has 1 above */
    check_hours(ten, 10, 1, "10", "5.5", "9.0"); /* the 9th of 10: 8 below, 1 above */
    check_hours(hours + 53, 11, 5, "11", "6.0", NULL);    /* 11 … 1 hours: the 6th, 5 on either side */
    check_hours(hours + 52, 12, 5, "12", "6.5", NULL);    /* the 6th and 7th */
    check_hours(hours + 15, 49, 5, "49", "25.0", NULL);   /* p90 of 49: the 45th, 4 above */
    check_hours(hours + 14, 50, 5, "50", "25.5", "45.0"); /* p90 of 50: the 45th, 5 above */
    check_hours(five, 1, 1, "1", NULL, NULL);  /* one case: its own value never */
}

static bool same_rows(const rows *a, const rows *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->r[i].table, b->r[i].table) || strcmp(a->r[i].dimension, b->r[i].dimension) ||
            strcmp(a->r[i].value, b->r[i].value) || strcmp(a->r[i].count, b->r[i].count) ||
            a->r[i].hidden != b->r[i].hidden) {
            fprintf(stderr, "row %zu: %s/%s/%s %s vs %s/%s/%s %s\n", i, a->r[i].table, a->r[i].dimension,
                    a->r[i].value, a->r[i].count, b->r[i].table, b->r[i].dimension, b->r[i].value, b->r[i].count);
            return false;
        }
    return true;
}

/* A referral, an update or a signal met again counts once. */
static void duplicates(void)
{
    docs once = { NULL, 0, 0 }, twice = { NULL, 0, 0 };
    buf b = { NULL, 0, 0 };
    gbo_stats *a, *s;
    gbo_error err;
    rows ra, rs;
    spec changed = main_set[0];

    main_documents(&once, 0);
    main_documents(&twice, 0);    /* the very same documents */
    main_documents(&twice, 0);
    main_documents(&twice, 1000); /* the same referrals, updates, acknowledgements and signals in new documents */
    signal_document(&b, main_signals, 0, NSIGNALS, 5000); /* every signal again, in one document */
    docs_read(&twice, &b);
    a = stats_of(&once, 1);
    s = stats_of(&twice, 1);
    ra = rows_of(a);
    rs = rows_of(s);
    CU_ASSERT_TRUE(same_rows(&ra, &rs));
    expect(&rs, D_KIND, "total", "23", false);
    expect(&rs, D_DOMAIN, "total", "41", false);
    expect(&rs, D_RIGHT, "total", "30", false);
    expect(&rs, D_BARRIER, "total", "17", false);
    expect(&rs, D_OUTCOME, "total", "23", false);
    expect(&rs, D_OUTCOME, "completed", "6", false);
    expect(&rs, D_OUTCOME, "received", "2", false);
    expect(&rs, D_HOURS, "cases", "12", false);
    free(rs.r);

    /* referral 1 again, in another document that says something else of it: still one referral */
    changed.kind = "consult";
    changed.domains[2] = "safety";
    referral_document(&b, &changed, 0, 6000);
    docs_read(&twice, &b);
    CU_ASSERT_EQUAL(gbo_stats_add(s, twice.v[twice.n - 1], &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_stats_compute(s, &err), GBO_OK);
    rs = rows_of(s);
    expect(&rs, D_KIND, "total", "23", false);
    expect(&rs, D_SENDER, "total", "23", false);
    expect(&rs, D_RECIPIENT, "total", "23", false);
    expect(&rs, D_OUTCOME, "total", "23", false);
    expect(&rs, D_HOURS, "cases", "12", false);
    expect(&rs, D_DOMAIN, "total", "41", false);
    CU_ASSERT_PTR_NULL(find(&rs, D_DOMAIN, "safety")); /* its life domains are not counted again */
    CU_ASSERT_EQUAL(block(&rs, D_KIND, &(size_t){ 0 }), block(&ra, D_KIND, &(size_t){ 0 }));

    free(b.p);
    free(ra.r);
    free(rs.r);
    gbo_stats_free(a);
    gbo_stats_free(s);
    docs_free(&once);
    docs_free(&twice);
}

/* The status each referral reached: the last update, `received` from an
 * accepting acknowledgement (a rejecting one moves nothing), `sent` when
 * nothing was said; whatever order the documents come in. */
static void outcomes(void)
{
    docs d = { NULL, 0, 0 }, reversed = { NULL, 0, 0 }, no_ack = { NULL, 0, 0 };
    buf b = { NULL, 0, 0 };
    gbo_stats *s, *r, *n;
    rows rs, rr, rn;
    tally t;

    main_documents(&d, 0);
    s = stats_of(&d, 1);
    rs = rows_of(s);
    truth(D_OUTCOME, main_set, NMAIN, NULL, 0, &t);
    CU_ASSERT_EQUAL(t.cells, 8);
    CU_ASSERT_EQUAL(tally_of(&t, "completed"), 6);
    CU_ASSERT_EQUAL(tally_of(&t, "declined"), 4);
    CU_ASSERT_EQUAL(tally_of(&t, "returned"), 2);
    CU_ASSERT_EQUAL(tally_of(&t, "received"), 2);
    check_dimension(&rs, D_OUTCOME, &t, 1);
    expect(&rs, D_OUTCOME, "accepted", "1", false);
    expect(&rs, D_OUTCOME, "completed", "6", false);
    expect(&rs, D_OUTCOME, "declined", "4", false);
    expect(&rs, D_OUTCOME, "first-contact", "2", false);
    expect(&rs, D_OUTCOME, "in-progress", "3", false);
    expect(&rs, D_OUTCOME, "received", "2", false); /* one by an update, one by an acknowledgement */
    expect(&rs, D_OUTCOME, "returned", "2", false);
    expect(&rs, D_OUTCOME, "sent", "3", false);     /* one of them rejected by an acknowledgement */
    expect(&rs, D_OUTCOME, "total", "23", false);

    /* the same documents backwards: updates before their referrals */
    for (size_t i = d.n; i-- > 0;) {
        gbo_entity *copy = gbo_entity_copy(d.v[i], NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
        if (reversed.n == reversed.cap) {
            reversed.cap = reversed.cap ? reversed.cap * 2 : 64;
            reversed.v = realloc(reversed.v, reversed.cap * sizeof *reversed.v);
            if (!reversed.v)
                abort();
        }
        reversed.v[reversed.n++] = copy;
    }
    r = stats_of(&reversed, 1);
    rr = rows_of(r);
    CU_ASSERT_TRUE(same_rows(&rs, &rr));

    /* without the accepting acknowledgement referral 12 stays sent */
    for (size_t i = 0; i < NMAIN; i++) {
        referral_document(&b, &main_set[i], i, i + 1);
        docs_read(&no_ack, &b);
        if (updates_document(&b, &main_set[i], i, 100 + i + 1))
            docs_read(&no_ack, &b);
    }
    n = stats_of(&no_ack, 1);
    rn = rows_of(n);
    expect(&rn, D_OUTCOME, "received", "1", false);
    expect(&rn, D_OUTCOME, "sent", "4", false);
    expect(&rn, D_OUTCOME, "total", "23", false);

    free(b.p);
    free(rs.r);
    free(rr.r);
    free(rn.r);
    gbo_stats_free(s);
    gbo_stats_free(r);
    gbo_stats_free(n);
    docs_free(&d);
    docs_free(&reversed);
    docs_free(&no_ack);
}

/* Partner kinds are resolved when the figures are made: an organisation
 * described in a later document counts once it is; adding recomputes. */
static void organisation_described_later(void)
{
    docs d = { NULL, 0, 0 }, more = { NULL, 0, 0 };
    gbo_stats *s;
    gbo_error err;
    rows rs;

    referral_documents(&d, main_set, NMAIN, 0, false); /* no document from CLB yet */
    s = stats_of(&d, 1);
    rs = rows_of(s);
    check_order(&rs);
    expect(&rs, D_RECIPIENT, "caw", "10", false);
    expect(&rs, D_RECIPIENT, "dmw", "7", false);
    expect(&rs, D_RECIPIENT, "unknown", "6", false);
    expect(&rs, D_RECIPIENT, "total", "23", false);
    CU_ASSERT_PTR_NULL(find(&rs, D_RECIPIENT, "clb"));
    expect(&rs, D_OUTCOME, "sent", "23", false);
    expect(&rs, D_HOURS, "cases", "0", false); /* no case at all */
    expect(&rs, D_HOURS, "median", "suppressed", true);
    expect(&rs, D_HOURS, "p90", "suppressed", true);
    free(rs.r);

    main_documents(&more, 0);
    for (size_t i = NMAIN; i < more.n; i++) /* the updates, acknowledgements and signals */
        CU_ASSERT_EQUAL(gbo_stats_add(s, more.v[i], &err), GBO_OK);
    CU_ASSERT_EQUAL(gbo_stats_compute(s, &err), GBO_OK);
    rs = rows_of(s);
    check_order(&rs);
    expect(&rs, D_RECIPIENT, "clb", "4", false);
    expect(&rs, D_RECIPIENT, "unknown", "2", false);
    expect(&rs, D_RECIPIENT, "total", "23", false);
    expect(&rs, D_OUTCOME, "completed", "6", false);
    expect(&rs, D_HOURS, "cases", "12", false);
    /* computing again without adding gives the same rows */
    {
        rows again;
        CU_ASSERT_EQUAL(gbo_stats_compute(s, &err), GBO_OK);
        again = rows_of(s);
        CU_ASSERT_TRUE(same_rows(&rs, &again));
        free(again.r);
    }
    free(rs.r);
    gbo_stats_free(s);
    docs_free(&d);
    docs_free(&more);
}

/* Values that are no code of their list are counted as "other", never
 * published as written; a network's extension makes its codes count.
 * Found in review: a local ad-hoc value would have been a row label. */
static void values_outside_the_code_lists(void)
{
    char path[4096];
    gbo_entity *doc = NULL;
    gbo_entity *referral, *domain;
    gbo_codeset *codes = gbo_codeset_new(NULL);
    gbo_stats *builtin, *extended;
    rows rs;

    snprintf(path, sizeof path, "%s/examples/referral-warm.xml", getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    CU_ASSERT_EQUAL_FATAL(gbo_exchange_read_file(path, NULL, &doc, NULL, NULL), GBO_OK);
    referral = gbo_entity_child_mut(doc, GBO_EXCHANGE_REFERRALS, 0);
    CU_ASSERT_EQUAL(gbo_entity_set(referral, GBO_REFERRAL_KIND, "opvang-jansens", NULL), GBO_OK);
    domain = gbo_entity_add_child(referral, GBO_REFERRAL_LIFE_DOMAINS, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(domain);
    CU_ASSERT_EQUAL(gbo_entity_set(domain, GBO_LIFE_DOMAIN_DOMAIN, "digital-inclusion", NULL), GBO_OK);
    snprintf(path, sizeof path, "%s/examples/codelists/network-extension.xml",
             getenv("GBO_SRCDIR") ? getenv("GBO_SRCDIR") : ".");
    CU_ASSERT_PTR_NOT_NULL_FATAL(codes);
    CU_ASSERT_EQUAL_FATAL(gbo_codeset_load_extension_file(codes, path, NULL), GBO_OK);

    builtin = gbo_stats_new(1, NULL, NULL);
    extended = gbo_stats_new(1, codes, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(builtin);
    CU_ASSERT_PTR_NOT_NULL_FATAL(extended);
    CU_ASSERT_EQUAL(gbo_stats_add(builtin, doc, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_stats_add(extended, doc, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_stats_compute(builtin, NULL), GBO_OK);
    CU_ASSERT_EQUAL(gbo_stats_compute(extended, NULL), GBO_OK);

    rs = rows_of(builtin);
    expect(&rs, D_KIND, "other", "1", false);
    CU_ASSERT_PTR_NULL(find(&rs, D_KIND, "opvang-jansens"));
    expect(&rs, D_DOMAIN, "other", "1", false);
    CU_ASSERT_PTR_NULL(find(&rs, D_DOMAIN, "digital-inclusion"));
    expect(&rs, D_DOMAIN, "housing", "1", false);
    free(rs.r);
    rs = rows_of(extended);
    expect(&rs, D_KIND, "other", "1", false); /* no extension makes it a code */
    expect(&rs, D_DOMAIN, "digital-inclusion", "1", false);
    CU_ASSERT_PTR_NULL(find(&rs, D_DOMAIN, "other"));
    free(rs.r);

    gbo_stats_free(builtin);
    gbo_stats_free(extended);
    gbo_codeset_free(codes);
    gbo_entity_free(doc);
}

/* No documents: every dimension is its total, 0, and so are the cases. */
static void nothing_added(void)
{
    gbo_error err;
    gbo_stats *s = gbo_stats_new(5, NULL, &err);
    rows rs;
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(gbo_stats_compute(s, &err), GBO_OK);
    rs = rows_of(s);
    CU_ASSERT_EQUAL(rs.n, NDIMS + 2);
    check_order(&rs);
    for (size_t i = 0; i < rs.n; i++) {
        bool quantile = !strcmp(rs.r[i].value, "median") || !strcmp(rs.r[i].value, "p90"); /* of no case */
        CU_ASSERT_STRING_EQUAL(rs.r[i].count, quantile ? "suppressed" : "0"); /* an empty total says nothing of anyone */
        CU_ASSERT_EQUAL(rs.r[i].hidden, quantile);
    }
    free(rs.r);
    gbo_stats_free(s);
}

static void invalid_arguments(void)
{
    gbo_error err;
    gbo_stats *s;
    gbo_entity *referral = gbo_entity_new(GBO_KIND_REFERRAL, NULL);
    gbo_stats_row row;

    memset(&err, 0, sizeof err);
    CU_ASSERT_PTR_NULL(gbo_stats_new(0, NULL, &err));
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    s = gbo_stats_new(1, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(referral);
    memset(&err, 0, sizeof err);
    CU_ASSERT_EQUAL(gbo_stats_add(s, referral, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(err.status, GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_stats_add(s, NULL, &err), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_stats_add(NULL, referral, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_stats_compute(NULL, NULL), GBO_E_INVALID_ARG);
    CU_ASSERT_EQUAL(gbo_stats_row_count(NULL), 0);
    CU_ASSERT_FALSE(gbo_stats_row_at(NULL, 0, &row));
    CU_ASSERT_EQUAL(gbo_stats_compute(s, &err), GBO_OK);
    CU_ASSERT_TRUE(gbo_stats_row_count(s) > 0);
    CU_ASSERT_FALSE(gbo_stats_row_at(s, 0, NULL));
    CU_ASSERT_FALSE(gbo_stats_row_at(s, gbo_stats_row_count(s), &row));
    gbo_stats_free(s);
    gbo_stats_free(NULL);
    gbo_entity_free(referral);
}

/* SPEC §6: a second cell or the total is suppressed "wherever the hidden
 * one could be recomputed". Two sets an earlier rule (one cell below K:
 * hide the smallest other) gave away. */
static void hidden_cells_not_pinned_by_bounds(void)
{
    /* reachability 8, comprehensibility 5, affordability 1: affordability <5
     * and comprehensibility suppressed add up to 14 - 8 = 6, which only 1 + 5 makes */
    static const signal_spec one_below[] = {
        { { "reachability", "comprehensibility", "affordability" } },
        { { "reachability", "comprehensibility" } }, { { "reachability", "comprehensibility" } },
        { { "reachability", "comprehensibility" } }, { { "reachability", "comprehensibility" } },
        { { "reachability" } }, { { "reachability" } }, { { "reachability" } },
    };
    /* reachability 7, affordability 1, usability 1: two cells <5 adding up to 2 */
    static const signal_spec two_below[] = {
        { { "reachability", "affordability", "usability" } },
        { { "reachability" } }, { { "reachability" } }, { { "reachability" } },
        { { "reachability" } }, { { "reachability" } }, { { "reachability" } },
    };
    static const struct {
        const signal_spec *sigs;
        size_t n;
    } sets[] = { { one_below, sizeof one_below / sizeof *one_below }, { two_below, sizeof two_below / sizeof *two_below } };

    for (size_t i = 0; i < sizeof sets / sizeof *sets; i++) {
        docs d = { NULL, 0, 0 };
        buf b = { NULL, 0, 0 };
        gbo_stats *s;
        rows rs;
        tally t;
        world w;
        signal_document(&b, sets[i].sigs, 0, sets[i].n, 1);
        docs_read(&d, &b);
        free(b.p);
        s = stats_of(&d, 5);
        rs = rows_of(s);
        truth(D_BARRIER, NULL, 0, sets[i].sigs, sets[i].n, &t);
        check_dimension(&rs, D_BARRIER, &t, 5); /* what the header says */
        check_no_lone_hidden_cell(&rs);
        world_of(&w, NULL, 0, sets[i].sigs, sets[i].n);
        CU_ASSERT_EQUAL(attack_release(&w, 5, "signals"), 0); /* what SPEC §6 asks */
        free(rs.r);
        gbo_stats_free(s);
        docs_free(&d);
    }
}

int main(void)
{
    static const gbo_test tests[] = {
        { "every count with K = 1", every_count_with_k1 },
        { "small cells with K = 5", small_cells_with_k5 },
        { "other values of K", other_k },
        { "time to first contact", time_to_first_contact },
        { "duplicates count once", duplicates },
        { "outcomes", outcomes },
        { "an organisation described later", organisation_described_later },
        { "nothing added", nothing_added },
        { "values outside the code lists", values_outside_the_code_lists },
        { "invalid arguments", invalid_arguments },
        { "hidden cells not pinned by bounds", hidden_cells_not_pinned_by_bounds },
        { "a reader cannot narrow hidden cells", a_reader_cannot_narrow_hidden_cells },
        { "the releases of issue #18", the_releases_of_issue_18 },
        { NULL, NULL }
    };
    return gbo_test_main("stats", tests);
}
