/* libgbo — the data model.
 *
 * Every entity of SPEC §2 (organisation, person, consent, referral, …) is a
 * gbo_entity: an opaque handle with a kind and one slot per field of that
 * kind. The fields of each kind are listed below in schema order (the order
 * in which the exchange format writes them). One set of functions reads and
 * writes every field, and the same field table drives equality, copying,
 * the XML reader and writer and the language bindings, so a field behaves
 * the same everywhere.
 *
 * Values are set as text and stored in canonical form:
 *   TEXT        well-formed UTF-8, stored in Unicode NFC; no C0 controls but
 *               TAB, LF, CR; not empty
 *   CODE        a code-list value ([a-z0-9] words joined by '-'); whether it is
 *               in the list is a validation rule (GBO-R001), not a setter error
 *   UUID        8-4-4-4-12 hex digits, stored lower-case
 *   DATE        YYYY-MM-DD, a real date
 *   BIRTH_DATE  YYYY-MM-DD or YYYY (year only)
 *   TIME        ISO 8601 with offset; stored in UTC with Z (see gbo_time_parse)
 *   BOOL        true/false (1/0 accepted), stored as "true"/"false"
 *   COUNT       a non-negative decimal integer below 2^31
 *   LANGUAGE    a BCP 47 tag (nl, fr-BE, …), stored with a lower-case language
 *               and upper-case region
 *   DIGITS      an identifier written with the usual separators (dots, dashes,
 *               spaces, slashes); stored as digits only. Its check digits are a
 *               validation rule (GBO-I001 for the national number)
 *   ENTITY      a child entity of the kind given by gbo_field_child_kind()
 *
 * Ownership: gbo_entity_new() and gbo_entity_copy() return a new entity that
 * the caller frees with gbo_entity_free(). Entities reached through a parent
 * (gbo_entity_child(), gbo_entity_add_child()) are borrowed: the parent owns
 * and frees them, and gbo_entity_free() on them does nothing. An entity has
 * at most one parent: attaching one that is attached already, or an
 * ancestor of the parent, is refused. Strings returned by getters are borrowed and valid until the
 * field is changed or the entity freed.
 *
 * Thread safety: an entity may be read from many threads at once; writing
 * needs exclusive access. Different entities are independent. */
#ifndef GBO_ENTITY_H
#define GBO_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <gbo/export.h>
#include <gbo/error.h>
#include <gbo/values.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gbo_entity gbo_entity;

typedef enum gbo_kind {
    GBO_KIND_NONE = 0,
    GBO_KIND_EXCHANGE,          /* one exchange document (envelope + messages) */
    GBO_KIND_EXTENSION_DECL,    /* a code-list extension a document's codes come from */
    GBO_KIND_REFERENCE,         /* local {ref} or external {ref, issuer} reference */
    GBO_KIND_ORGANISATION,
    GBO_KIND_IDENTIFIER,        /* enterprise, establishment or network-scoped id */
    GBO_KIND_WORKER,
    GBO_KIND_PERSON,
    GBO_KIND_ADDRESS,
    GBO_KIND_RELATED_PERSON,    /* trusted person or legal representative */
    GBO_KIND_DOSSIER_REF,       /* a partner's local dossier reference */
    GBO_KIND_PARTY,             /* {organisation, worker} */
    GBO_KIND_CONSENT,
    GBO_KIND_INFORMED,          /* the six informed-consent elements */
    GBO_KIND_PROVISION,
    GBO_KIND_EMERGENCY,         /* emergency basis instead of consent */
    GBO_KIND_REFERRAL,
    GBO_KIND_LIFE_DOMAIN,       /* a life domain's situation in a referral */
    GBO_KIND_RIGHT_ASSESSMENT,
    GBO_KIND_CARE_PROVIDER,
    GBO_KIND_STATUS_UPDATE,
    GBO_KIND_WITHDRAWAL,        /* consent withdrawal */
    GBO_KIND_SUPPORT_ENDED,
    GBO_KIND_CASE_CONFERENCE,
    GBO_KIND_PARTICIPANT,
    GBO_KIND_SIGNATORY,
    GBO_KIND_PLAN_ITEM,
    GBO_KIND_ACKNOWLEDGEMENT,
    GBO_KIND_DIAGNOSTIC,        /* a diagnostic carried in an acknowledgement */
    GBO_KIND_SIGNAL,            /* anonymous policy signal */
    GBO_KIND_COUNT
} gbo_kind;

typedef enum gbo_value_type {
    GBO_TYPE_TEXT = 1,
    GBO_TYPE_CODE,
    GBO_TYPE_UUID,
    GBO_TYPE_DATE,
    GBO_TYPE_BIRTH_DATE,
    GBO_TYPE_TIME,
    GBO_TYPE_BOOL,
    GBO_TYPE_COUNT,
    GBO_TYPE_LANGUAGE,
    GBO_TYPE_DIGITS,
    GBO_TYPE_ENTITY
} gbo_value_type;

/* Fields, grouped by kind, each group in schema order. Values are part of
 * the ABI: a new field is appended at the end of the enumeration (whatever
 * its kind), and gbo_kind_field_at() lists each kind's fields in schema order. */
typedef enum gbo_field {
    GBO_FIELD_NONE = 0,

    /* GBO_KIND_EXCHANGE */
    GBO_EXCHANGE_ID,                 /* UUID */
    GBO_EXCHANGE_CREATED_AT,         /* TIME */
    GBO_EXCHANGE_SENDER,             /* UUID of an organisation */
    GBO_EXCHANGE_RECIPIENT,          /* UUID of an organisation */
    GBO_EXCHANGE_CODE_LIST_VERSION,  /* TEXT */
    GBO_EXCHANGE_EXTENSIONS,         /* ENTITY EXTENSION_DECL, repeated */
    GBO_EXCHANGE_ORGANISATIONS,      /* ENTITY ORGANISATION, repeated */
    GBO_EXCHANGE_PERSONS,            /* ENTITY PERSON, repeated */
    GBO_EXCHANGE_CONSENTS,           /* ENTITY CONSENT, repeated */
    GBO_EXCHANGE_REFERRALS,          /* ENTITY REFERRAL, repeated */
    GBO_EXCHANGE_STATUS_UPDATES,     /* ENTITY STATUS_UPDATE, repeated */
    GBO_EXCHANGE_WITHDRAWALS,        /* ENTITY WITHDRAWAL, repeated */
    GBO_EXCHANGE_SUPPORT_ENDED,      /* ENTITY SUPPORT_ENDED, repeated */
    GBO_EXCHANGE_CASE_CONFERENCES,   /* ENTITY CASE_CONFERENCE, repeated */
    GBO_EXCHANGE_ACKNOWLEDGEMENTS,   /* ENTITY ACKNOWLEDGEMENT, repeated */
    GBO_EXCHANGE_SIGNALS,            /* ENTITY SIGNAL, repeated */

    /* GBO_KIND_EXTENSION_DECL */
    GBO_EXTENSION_DECL_ID,           /* TEXT: the extension's id */
    GBO_EXTENSION_DECL_VERSION,      /* TEXT */

    /* GBO_KIND_REFERENCE: local when ISSUER is absent */
    GBO_REFERENCE_REF,               /* UUID of the referenced entity */
    GBO_REFERENCE_ISSUER,            /* UUID of the organisation that issued it */

    /* GBO_KIND_ORGANISATION */
    GBO_ORGANISATION_ID,             /* UUID */
    GBO_ORGANISATION_NAME,           /* TEXT */
    GBO_ORGANISATION_KIND,           /* CODE partner-kind */
    GBO_ORGANISATION_IDENTIFIERS,    /* ENTITY IDENTIFIER, repeated */
    GBO_ORGANISATION_NETWORKS,       /* TEXT, repeated: GBO networks it belongs to */
    GBO_ORGANISATION_PROFESSIONAL_SECRECY, /* BOOL */
    GBO_ORGANISATION_WORKERS,        /* ENTITY WORKER, repeated */

    /* GBO_KIND_IDENTIFIER */
    GBO_IDENTIFIER_SCHEME,           /* CODE identifier-scheme */
    GBO_IDENTIFIER_NETWORK,          /* TEXT: the network that scopes a network-id */
    GBO_IDENTIFIER_VALUE,            /* TEXT */

    /* GBO_KIND_WORKER */
    GBO_WORKER_ID,                   /* UUID */
    GBO_WORKER_NAME,                 /* TEXT */
    GBO_WORKER_ROLE,                 /* TEXT */
    GBO_WORKER_PHONE,                /* TEXT */
    GBO_WORKER_EMAIL,                /* TEXT */

    /* GBO_KIND_PERSON */
    GBO_PERSON_ID,                   /* UUID */
    GBO_PERSON_GIVEN_NAME,           /* TEXT */
    GBO_PERSON_FAMILY_NAME,          /* TEXT */
    GBO_PERSON_BIRTH_DATE,           /* BIRTH_DATE */
    GBO_PERSON_LANGUAGE,             /* LANGUAGE */
    GBO_PERSON_PHONE,                /* TEXT */
    GBO_PERSON_EMAIL,                /* TEXT */
    GBO_PERSON_ADDRESS,              /* ENTITY ADDRESS */
    GBO_PERSON_PREFERRED_CHANNEL,    /* CODE contact-channel */
    GBO_PERSON_PREFERRED_PLACE,      /* CODE contact-place */
    GBO_PERSON_PREFERRED_TIMES,      /* TEXT */
    GBO_PERSON_NATIONAL_NUMBER,      /* DIGITS */
    GBO_PERSON_TRUSTED_PERSON,       /* ENTITY RELATED_PERSON */
    GBO_PERSON_LEGAL_REPRESENTATIVE, /* ENTITY RELATED_PERSON */
    GBO_PERSON_DOSSIER_REFS,         /* ENTITY DOSSIER_REF, repeated */
    GBO_PERSON_HELP_SEEKING_STAGE,   /* CODE help-seeking-stage */

    /* GBO_KIND_ADDRESS */
    GBO_ADDRESS_STREET,              /* TEXT */
    GBO_ADDRESS_HOUSE_NUMBER,        /* TEXT */
    GBO_ADDRESS_BOX,                 /* TEXT */
    GBO_ADDRESS_POSTAL_CODE,         /* TEXT (GBO-I004 checks 1000–9999) */
    GBO_ADDRESS_MUNICIPALITY,        /* TEXT */
    GBO_ADDRESS_COUNTRY,             /* TEXT: ISO 3166-1 alpha-2; absent means BE */

    /* GBO_KIND_RELATED_PERSON */
    GBO_RELATED_PERSON_NAME,         /* TEXT */
    GBO_RELATED_PERSON_ROLE,         /* CODE representative-role */
    GBO_RELATED_PERSON_RELATION,     /* TEXT, in the client's words */
    GBO_RELATED_PERSON_PHONE,        /* TEXT */
    GBO_RELATED_PERSON_EMAIL,        /* TEXT */

    /* GBO_KIND_DOSSIER_REF */
    GBO_DOSSIER_REF_ORGANISATION,    /* UUID */
    GBO_DOSSIER_REF_LOCAL_ID,        /* TEXT */

    /* GBO_KIND_PARTY */
    GBO_PARTY_ORGANISATION,          /* ENTITY REFERENCE */
    GBO_PARTY_WORKER,                /* ENTITY REFERENCE */

    /* GBO_KIND_CONSENT */
    GBO_CONSENT_ID,                  /* UUID */
    GBO_CONSENT_SUBJECT,             /* ENTITY REFERENCE to a person */
    GBO_CONSENT_GRANTOR,             /* CODE grantor-role */
    GBO_CONSENT_CAPACITY_ASSESSED,   /* BOOL */
    GBO_CONSENT_RECORDED_BY,         /* ENTITY PARTY */
    GBO_CONSENT_FORM,                /* CODE consent-form */
    GBO_CONSENT_DOCUMENT_REFERENCE,  /* TEXT */
    GBO_CONSENT_GIVEN_AT,            /* TIME */
    GBO_CONSENT_INFORMED,            /* ENTITY INFORMED */
    GBO_CONSENT_VALID_FROM,          /* DATE, inclusive */
    GBO_CONSENT_VALID_UNTIL,         /* DATE, inclusive (end of day, Europe/Brussels) */
    GBO_CONSENT_UNTIL_SUPPORT_ENDS,  /* BOOL */
    GBO_CONSENT_PROVISIONS,          /* ENTITY PROVISION, repeated */

    /* GBO_KIND_INFORMED */
    GBO_INFORMED_PRIOR,              /* BOOL */
    GBO_INFORMED_KNOWS_WHAT,         /* BOOL */
    GBO_INFORMED_KNOWS_WHY,          /* BOOL */
    GBO_INFORMED_KNOWS_TO_WHOM,      /* BOOL */
    GBO_INFORMED_KNOWS_WHAT_HAPPENS, /* BOOL */
    GBO_INFORMED_KNOWS_CAN_WITHDRAW, /* BOOL */

    /* GBO_KIND_PROVISION */
    GBO_PROVISION_TYPE,              /* CODE provision-type */
    GBO_PROVISION_RECIPIENT_ORGANISATIONS, /* UUID, repeated */
    GBO_PROVISION_RECIPIENT_KINDS,   /* CODE partner-kind, repeated */
    GBO_PROVISION_RECIPIENT_NETWORK, /* BOOL: the consent recorder's GBO network */
    GBO_PROVISION_PURPOSES,          /* CODE purpose, repeated */
    GBO_PROVISION_DATA_CATEGORIES,   /* CODE data-category, repeated */
    GBO_PROVISION_VALID_FROM,        /* DATE */
    GBO_PROVISION_VALID_UNTIL,       /* DATE */
    GBO_PROVISION_PROVISIONS,        /* ENTITY PROVISION, repeated: exceptions */

    /* GBO_KIND_EMERGENCY */
    GBO_EMERGENCY_JUSTIFICATION,     /* TEXT */
    GBO_EMERGENCY_CLIENT_INFORMED,   /* BOOL */
    GBO_EMERGENCY_NOT_INFORMED_REASON, /* TEXT */
    GBO_EMERGENCY_ROUTE,             /* CODE emergency-route */

    /* GBO_KIND_REFERRAL */
    GBO_REFERRAL_ID,                 /* UUID */
    GBO_REFERRAL_CREATED_AT,         /* TIME */
    GBO_REFERRAL_KIND,               /* CODE referral-kind */
    GBO_REFERRAL_FROM,               /* ENTITY PARTY */
    GBO_REFERRAL_TO,                 /* ENTITY PARTY */
    GBO_REFERRAL_PREFERRED_PARTNER,  /* ENTITY REFERENCE to an organisation */
    GBO_REFERRAL_PREFERRED_CHANNEL,  /* CODE contact-channel */
    GBO_REFERRAL_SUBJECT,            /* ENTITY REFERENCE to a person */
    GBO_REFERRAL_CASE_ID,            /* TEXT: pseudonymous case id (consult) */
    GBO_REFERRAL_CONSENT,            /* ENTITY REFERENCE to a consent */
    GBO_REFERRAL_EMERGENCY,          /* ENTITY EMERGENCY */
    GBO_REFERRAL_HELP_QUESTION,      /* TEXT, in the client's own words */
    GBO_REFERRAL_HELP_QUESTION_LANGUAGE, /* LANGUAGE */
    GBO_REFERRAL_HELP_SEEKING_STAGE, /* CODE help-seeking-stage */
    GBO_REFERRAL_URGENCY,            /* CODE urgency */
    GBO_REFERRAL_LIFE_DOMAINS,       /* ENTITY LIFE_DOMAIN, repeated */
    GBO_REFERRAL_RIGHT_ASSESSMENTS,  /* ENTITY RIGHT_ASSESSMENT, repeated */
    GBO_REFERRAL_STRENGTHS,          /* TEXT */
    GBO_REFERRAL_NETWORK,            /* TEXT: the client's own network */
    GBO_REFERRAL_CARE_PROVIDERS,     /* ENTITY CARE_PROVIDER, repeated */
    GBO_REFERRAL_CLIENT_PRESENT,     /* BOOL: present at the handover */
    GBO_REFERRAL_VULNERABILITY_KINDS,/* CODE vulnerability-kind, repeated */
    GBO_REFERRAL_TARGET_GROUPS,      /* TEXT, repeated */
    GBO_REFERRAL_EXPECTED_FEEDBACK,  /* DATE */
    GBO_REFERRAL_FALLBACK_PARTNER,   /* ENTITY REFERENCE to an organisation */
    GBO_REFERRAL_FIRST_CONTACT_POINT,/* TEXT */

    /* GBO_KIND_LIFE_DOMAIN */
    GBO_LIFE_DOMAIN_DOMAIN,          /* CODE life-domain */
    GBO_LIFE_DOMAIN_NOTE,            /* TEXT: the situation */
    GBO_LIFE_DOMAIN_JUDICIAL,        /* BOOL: the note holds judicial data */
    GBO_LIFE_DOMAIN_STEPS,           /* TEXT, repeated: steps already taken */

    /* GBO_KIND_RIGHT_ASSESSMENT */
    GBO_RIGHT_ASSESSMENT_RIGHT,      /* CODE right */
    GBO_RIGHT_ASSESSMENT_STATUS,     /* CODE right-status */
    GBO_RIGHT_ASSESSMENT_BY,         /* ENTITY REFERENCE to an organisation */
    GBO_RIGHT_ASSESSMENT_DATE,       /* DATE */
    GBO_RIGHT_ASSESSMENT_LIFE_DOMAIN,/* CODE life-domain */
    GBO_RIGHT_ASSESSMENT_NON_TAKE_UP_REASON, /* CODE non-take-up-reason */
    GBO_RIGHT_ASSESSMENT_NOTE,       /* TEXT */

    /* GBO_KIND_CARE_PROVIDER */
    GBO_CARE_PROVIDER_NAME,          /* TEXT */
    GBO_CARE_PROVIDER_KIND,          /* CODE partner-kind */
    GBO_CARE_PROVIDER_ORGANISATION,  /* ENTITY REFERENCE */
    GBO_CARE_PROVIDER_ROLE,          /* TEXT */
    GBO_CARE_PROVIDER_PHONE,         /* TEXT */

    /* GBO_KIND_STATUS_UPDATE */
    GBO_STATUS_UPDATE_ID,            /* UUID */
    GBO_STATUS_UPDATE_REFERRAL,      /* ENTITY REFERENCE */
    GBO_STATUS_UPDATE_AT,            /* TIME */
    GBO_STATUS_UPDATE_BY,            /* ENTITY REFERENCE to an organisation */
    GBO_STATUS_UPDATE_STATUS,        /* CODE referral-status */
    GBO_STATUS_UPDATE_DECLINE_REASON,/* CODE decline-reason */
    GBO_STATUS_UPDATE_NOTE,          /* TEXT */
    GBO_STATUS_UPDATE_DOMAINS_EXPLORED, /* COUNT */
    GBO_STATUS_UPDATE_RIGHTS_REALISED,  /* COUNT */

    /* GBO_KIND_WITHDRAWAL */
    GBO_WITHDRAWAL_ID,               /* UUID */
    GBO_WITHDRAWAL_CONSENT,          /* ENTITY REFERENCE */
    GBO_WITHDRAWAL_AT,               /* TIME */
    GBO_WITHDRAWAL_RECEIVED_BY,      /* ENTITY REFERENCE to an organisation */
    GBO_WITHDRAWAL_CHANNEL,          /* CODE contact-channel */

    /* GBO_KIND_SUPPORT_ENDED */
    GBO_SUPPORT_ENDED_ID,            /* UUID */
    GBO_SUPPORT_ENDED_PERSON,        /* ENTITY REFERENCE */
    GBO_SUPPORT_ENDED_ORGANISATION,  /* ENTITY REFERENCE */
    GBO_SUPPORT_ENDED_AT,            /* TIME */

    /* GBO_KIND_CASE_CONFERENCE */
    GBO_CASE_CONFERENCE_ID,          /* UUID */
    GBO_CASE_CONFERENCE_DATE,        /* DATE */
    GBO_CASE_CONFERENCE_CONVENOR,    /* ENTITY REFERENCE to an organisation */
    GBO_CASE_CONFERENCE_SUBJECT,     /* ENTITY REFERENCE to a person */
    GBO_CASE_CONFERENCE_CASE_ID,     /* TEXT: pseudonymous case id */
    GBO_CASE_CONFERENCE_CONSENT,     /* ENTITY REFERENCE */
    GBO_CASE_CONFERENCE_PARTICIPANTS,/* ENTITY PARTICIPANT, repeated */
    GBO_CASE_CONFERENCE_CLIENT_PRESENT,         /* BOOL */
    GBO_CASE_CONFERENCE_CLIENT_NETWORK_PRESENT, /* BOOL */
    GBO_CASE_CONFERENCE_SIGNATORIES, /* ENTITY SIGNATORY, repeated */
    GBO_CASE_CONFERENCE_PLAN,        /* ENTITY PLAN_ITEM, repeated */

    /* GBO_KIND_PARTICIPANT */
    GBO_PARTICIPANT_ORGANISATION,    /* ENTITY REFERENCE */
    GBO_PARTICIPANT_WORKER,          /* ENTITY REFERENCE */

    /* GBO_KIND_SIGNATORY */
    GBO_SIGNATORY_CLIENT,            /* BOOL: the client signed */
    GBO_SIGNATORY_ORGANISATION,      /* ENTITY REFERENCE */
    GBO_SIGNATORY_WORKER,            /* ENTITY REFERENCE */
    GBO_SIGNATORY_SIGNED_AT,         /* TIME */

    /* GBO_KIND_PLAN_ITEM */
    GBO_PLAN_ITEM_LIFE_DOMAIN,       /* CODE life-domain */
    GBO_PLAN_ITEM_ORGANISATION,      /* ENTITY REFERENCE */
    GBO_PLAN_ITEM_TASKS,             /* TEXT, repeated */
    GBO_PLAN_ITEM_FIRST_CONTACT,     /* TEXT */

    /* GBO_KIND_ACKNOWLEDGEMENT */
    GBO_ACKNOWLEDGEMENT_ID,          /* UUID */
    GBO_ACKNOWLEDGEMENT_DOCUMENT,    /* UUID of the document answered */
    GBO_ACKNOWLEDGEMENT_AT,          /* TIME */
    GBO_ACKNOWLEDGEMENT_BY,          /* ENTITY REFERENCE to an organisation */
    GBO_ACKNOWLEDGEMENT_RESULT,      /* CODE acknowledgement-result */
    GBO_ACKNOWLEDGEMENT_DIAGNOSTICS, /* ENTITY DIAGNOSTIC, repeated */

    /* GBO_KIND_DIAGNOSTIC */
    GBO_DIAGNOSTIC_RULE,             /* TEXT rule id, e.g. GBO-I001 */
    GBO_DIAGNOSTIC_SEVERITY,         /* CODE severity */
    GBO_DIAGNOSTIC_PATH,             /* TEXT */
    GBO_DIAGNOSTIC_LINE,             /* COUNT */
    GBO_DIAGNOSTIC_COLUMN,           /* COUNT */

    /* GBO_KIND_SIGNAL */
    GBO_SIGNAL_ID,                   /* UUID */
    GBO_SIGNAL_CREATED_AT,           /* TIME */
    GBO_SIGNAL_ORGANISATION,         /* ENTITY REFERENCE: who signals */
    GBO_SIGNAL_LEVEL,                /* CODE signal-level */
    GBO_SIGNAL_ADDRESSEES,           /* CODE signal-addressee, repeated */
    GBO_SIGNAL_BARRIERS,             /* CODE barrier, repeated */
    GBO_SIGNAL_LIFE_DOMAINS,         /* CODE life-domain, repeated */
    GBO_SIGNAL_RIGHTS,               /* CODE right, repeated */
    GBO_SIGNAL_CASE_COUNT,           /* COUNT */
    GBO_SIGNAL_DESCRIPTION,          /* TEXT */

    GBO_FIELD_COUNT
} gbo_field;

/* ---- kinds and fields: introspection ---------------------------------- */

/* "person", "referral", … (the name of the kind, also its schema type name
 * with a capital; as an element it is named after the field that holds it,
 * e.g. a party is <from>, <to> or <recordedBy>); NULL if unknown. */
GBO_API const char *gbo_kind_name(gbo_kind kind);
/* GBO_KIND_NONE if no kind has that name. */
GBO_API gbo_kind gbo_kind_from_name(const char *name);
/* How many fields a kind has (0 for an unknown kind), and the i-th in
 * schema order (GBO_FIELD_NONE when out of range). */
GBO_API size_t gbo_kind_field_count(gbo_kind kind);
GBO_API gbo_field gbo_kind_field_at(gbo_kind kind, size_t index);

/* Field name as in the exchange format and the bindings ("givenName"); NULL if unknown. */
GBO_API const char *gbo_field_name(gbo_field field);
/* The field's name in the bindings' object models (version-info 1:0:1,
 * after libgbo 0.1): snake_case, plural for a repeated field, unique within
 * its kind ("given_name", "persons", "code_list_extensions"); a binding adapts
 * it to its language's conventions (Python appends '_' to a keyword: from_).
 * NULL if unknown. */
GBO_API const char *gbo_field_member_name(gbo_field field);
/* The field of `kind` with that name, or GBO_FIELD_NONE. */
GBO_API gbo_field gbo_field_from_name(gbo_kind kind, const char *name);
GBO_API gbo_kind gbo_field_owner(gbo_field field);
GBO_API gbo_value_type gbo_field_type(gbo_field field);
GBO_API bool gbo_field_is_repeated(gbo_field field);
/* The code list a CODE field takes its values from ("life-domain"), else NULL. */
GBO_API const char *gbo_field_code_list(gbo_field field);
/* The kind of an ENTITY field's children, else GBO_KIND_NONE. */
GBO_API gbo_kind gbo_field_child_kind(gbo_field field);
/* Longest value accepted, in characters (Unicode code points) after
 * normalisation, as the schema's maxLength counts them. */
GBO_API size_t gbo_field_max_length(gbo_field field);

/* ---- life cycle ------------------------------------------------------- */

/* A new, empty entity of `kind` (new: free with gbo_entity_free). */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_entity_new(gbo_kind kind, gbo_error *err);
/* Frees the entity and everything it owns. NULL is allowed. Must not be
 * called on a borrowed child. */
GBO_API void gbo_entity_free(gbo_entity *entity);
/* A deep copy (new). */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_entity_copy(const gbo_entity *entity, gbo_error *err);
/* Deep equality: same kind, and every field holds the same values in the
 * same order. Two NULLs are equal. */
GBO_API bool gbo_entity_equal(const gbo_entity *a, const gbo_entity *b);
GBO_API gbo_kind gbo_entity_kind(const gbo_entity *entity);

/* ---- scalar fields ---------------------------------------------------- */

/* Set a single-valued scalar field from text, normalising it to canonical
 * form (see the top of this file). NULL clears the field. On failure the
 * field keeps its old value. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_set(gbo_entity *entity, gbo_field field,
                                                  const char *value, gbo_error *err);
/* The canonical value (borrowed), or NULL when absent. For a repeated field,
 * the first value. */
GBO_API const char *gbo_entity_get(const gbo_entity *entity, gbo_field field);
/* Append a value to a repeated scalar field. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_add(gbo_entity *entity, gbo_field field,
                                                  const char *value, gbo_error *err);
/* How many values (or children) a field holds: 0 or 1 for single fields. */
GBO_API size_t gbo_entity_count(const gbo_entity *entity, gbo_field field);
/* The i-th value of a scalar field (borrowed), NULL when out of range. */
GBO_API const char *gbo_entity_get_at(const gbo_entity *entity, gbo_field field, size_t index);
/* Remove the i-th value or child (children are freed). */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_remove_at(gbo_entity *entity, gbo_field field,
                                                        size_t index, gbo_error *err);

/* Typed access. The setters format and store the canonical text; the getters
 * parse it. A getter returns GBO_E_NOT_FOUND when the field is absent and
 * GBO_E_INVALID_ARG when the field is not of that type. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_set_bool(gbo_entity *entity, gbo_field field,
                                                       bool value, gbo_error *err);
GBO_API gbo_status gbo_entity_get_bool(const gbo_entity *entity, gbo_field field, bool *out);
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_set_count(gbo_entity *entity, gbo_field field,
                                                        unsigned long value, gbo_error *err);
GBO_API gbo_status gbo_entity_get_count(const gbo_entity *entity, gbo_field field,
                                        unsigned long *out);
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_set_time(gbo_entity *entity, gbo_field field,
                                                       gbo_time value, gbo_error *err);
GBO_API gbo_status gbo_entity_get_time(const gbo_entity *entity, gbo_field field, gbo_time *out);
/* DATE and BIRTH_DATE fields (a year-only birth date has month = day = 0). */
GBO_API gbo_status gbo_entity_get_date(const gbo_entity *entity, gbo_field field, gbo_date *out);

/* ---- child entities --------------------------------------------------- */

/* The i-th child of an ENTITY field (borrowed), NULL when out of range. */
GBO_API const gbo_entity *gbo_entity_child(const gbo_entity *entity, gbo_field field, size_t index);
/* The same, writable (borrowed). */
GBO_API gbo_entity *gbo_entity_child_mut(gbo_entity *entity, gbo_field field, size_t index);
/* Create an empty child of the field's kind and attach it: appended to a
 * repeated field, replacing the old one in a single field. Returns the child
 * (borrowed: the parent owns it), or NULL on error. */
GBO_API GBO_WARN_UNUSED gbo_entity *gbo_entity_add_child(gbo_entity *entity, gbo_field field,
                                                         gbo_error *err);
/* Attach an entity made with gbo_entity_new(): on success the parent takes
 * ownership (the caller must not free it); on failure the caller keeps it. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_attach(gbo_entity *entity, gbo_field field,
                                                     gbo_entity *child, gbo_error *err);

/* Convenience for GBO_KIND_REFERENCE fields: set a local reference (issuer
 * NULL) or an external one. Creates the reference entity. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_set_reference(gbo_entity *entity, gbo_field field,
                                                            const char *id, const char *issuer,
                                                            gbo_error *err);

/* ---- extension elements ------------------------------------------------ */

/* Elements in other namespaces that a document carried at an entity's
 * extension point (the end of its content, SPEC §2.7). They are kept as
 * exclusive canonical XML (C14N) and written back unchanged, in order. */
GBO_API size_t gbo_entity_extension_count(const gbo_entity *entity);
/* The i-th extension element's XML (borrowed), NULL when out of range. */
GBO_API const char *gbo_entity_extension_at(const gbo_entity *entity, size_t index);
/* Append an extension element given as XML text: one well-formed element in
 * a namespace other than the exchange format's (and not XInclude), without a
 * DOCTYPE. It is stored in canonical form. */
GBO_API GBO_WARN_UNUSED gbo_status gbo_entity_add_extension(gbo_entity *entity, const char *xml,
                                                            gbo_error *err);

#ifdef __cplusplus
}
#endif
#endif
