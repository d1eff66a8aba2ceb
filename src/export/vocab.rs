//! Every IRI the export writes, as `NamedNodeRef` constants, one module per
//! vocabulary (like oxrdf's `vocab.rs`). This file is the RDF interface of
//! zhkg: queries, golden tests and the README name these terms.

/// Prefixes written at the top of `graph.ttl` and predeclared for `zhkg query`,
/// in the order they are listed in the README.
pub const PREFIXES: [(&str, &str); 10] = [
    ("schema", schema::NAMESPACE),
    ("org", org::NAMESPACE),
    ("rdf", rdf::NAMESPACE),
    ("rdfs", rdfs::NAMESPACE),
    ("xsd", xsd::NAMESPACE),
    ("skos", skos::NAMESPACE),
    ("prov", prov::NAMESPACE),
    ("nif", nif::NAMESPACE),
    ("itsrdf", itsrdf::NAMESPACE),
    ("zhkg", zhkg::NAMESPACE),
];

/// Declares a vocabulary module: its namespace and one constant per term.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $module:ident = $ns:literal { $($(#[$tdoc:meta])* $name:ident = $local:literal,)* }) => {
        $(#[$doc])*
        pub mod $module {
            use oxigraph::model::NamedNodeRef;

            pub const NAMESPACE: &str = $ns;
            $(
                $(#[$tdoc])*
                pub const $name: NamedNodeRef<'static> =
                    NamedNodeRef::new_unchecked(concat!($ns, $local));
            )*
        }
    };
}

vocabulary! {
    /// [RDF](https://www.w3.org/TR/rdf11-concepts/): types and reified statements.
    rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#" {
        TYPE = "type",
        STATEMENT = "Statement",
        SUBJECT = "subject",
        PREDICATE = "predicate",
        OBJECT = "object",
    }
}

vocabulary! {
    /// [RDF Schema](https://www.w3.org/TR/rdf-schema/).
    rdfs = "http://www.w3.org/2000/01/rdf-schema#" {
        LABEL = "label",
    }
}

vocabulary! {
    /// [XML Schema datatypes](https://www.w3.org/TR/xmlschema11-2/) of the literals written.
    xsd = "http://www.w3.org/2001/XMLSchema#" {
        BOOLEAN = "boolean",
        DECIMAL = "decimal",
        /// Offsets and line numbers. NIF's range is `xsd:nonNegativeInteger`; we
        /// write `xsd:integer` (every value is ≥ 0, so it casts) because plain
        /// SPARQL patterns such as `nif:beginIndex 12` then match in every store.
        INTEGER = "integer",
    }
}

vocabulary! {
    /// [schema.org](https://schema.org/): entities, relations, figures and quotations.
    schema = "http://schema.org/" {
        PERSON = "Person",
        ORGANIZATION = "Organization",
        PLACE = "Place",
        QUOTATION = "Quotation",
        AFFILIATION = "affiliation",
        PARENT_ORGANIZATION = "parentOrganization",
        CONTAINED_IN_PLACE = "containedInPlace",
        LOCATION = "location",
        MENTIONS = "mentions",
        VALUE = "value",
        UNIT_TEXT = "unitText",
        SPOKEN_BY_CHARACTER = "spokenByCharacter",
        TEXT = "text",
    }
}

vocabulary! {
    /// [W3C Organization Ontology](https://www.w3.org/TR/vocab-org/): roles held in an organization.
    org = "http://www.w3.org/ns/org#" {
        MEMBERSHIP = "Membership",
        ROLE = "Role",
        MEMBER = "member",
        ORGANIZATION = "organization",
        ROLE_PROPERTY = "role",
    }
}

vocabulary! {
    /// [SKOS](https://www.w3.org/TR/skos-reference/): alternative names.
    skos = "http://www.w3.org/2004/02/skos/core#" {
        ALT_LABEL = "altLabel",
    }
}

vocabulary! {
    /// [PROV-O](https://www.w3.org/TR/prov-o/): which sentence and rule a fact comes from.
    prov = "http://www.w3.org/ns/prov#" {
        ACTIVITY = "Activity",
        WAS_DERIVED_FROM = "wasDerivedFrom",
        WAS_GENERATED_BY = "wasGeneratedBy",
    }
}

vocabulary! {
    /// [NIF 2.0 Core](http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#): text spans.
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#" {
        CONTEXT = "Context",
        SENTENCE = "Sentence",
        PHRASE = "Phrase",
        REFERENCE_CONTEXT = "referenceContext",
        BEGIN_INDEX = "beginIndex",
        END_INDEX = "endIndex",
        ANCHOR_OF = "anchorOf",
        /// Links a structure (our `nif:Phrase` mentions) to its sentence:
        /// NIF 2.0 core, "links words and other structures to their sentence",
        /// domain `nif:Structure`, range `nif:Sentence`.
        SENTENCE_PROPERTY = "sentence",
    }
}

vocabulary! {
    /// [ITS 2.0 RDF](https://www.w3.org/TR/its20/): the entity a mention refers to.
    itsrdf = "http://www.w3.org/2005/11/its/rdf#" {
        TA_IDENT_REF = "taIdentRef",
    }
}

vocabulary! {
    /// zhkg's own terms, where no common vocabulary fits.
    zhkg = "https://w3id.org/zhkg/ontology#" {
        DOCUMENT = "Document",
        INDUSTRY = "Industry",
        RULE = "Rule",
        FIGURE = "Figure",
        RULE_FILE = "ruleFile",
        RULE_LINE = "ruleLine",
        ROLE = "role",
        TEXT = "text",
        QUALIFIER = "qualifier",
        MEASURE = "measure",
        ABOUT = "about",
        PERIOD = "period",
        DIRECT = "direct",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;

    #[test]
    fn every_constant_is_a_valid_iri() {
        for (_, ns) in PREFIXES {
            NamedNode::new(ns).unwrap();
        }
        for term in [schema::PERSON, org::ROLE_PROPERTY, nif::SENTENCE_PROPERTY, zhkg::DIRECT] {
            NamedNode::new(term.as_str()).unwrap();
        }
    }
}
