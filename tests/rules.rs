//! The rules folder as a tested artifact: it loads without a single error,
//! and every example a rule carries holds when run through the pipeline.

use std::path::Path;

use zhkg::pipeline::{run_examples, Pipeline};
use zhkg::rules::Rules;

fn rules() -> Rules {
    Rules::load(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_rules_folder_loads_cleanly() {
    let rules = rules();
    assert!(rules.entity_rules.len() >= 10);
    assert!(rules.gazetteer.entries.len() > 5000, "gazetteers are loaded");
}

#[test]
fn every_rule_example_holds() {
    let pipeline = Pipeline::new(rules());
    let (run, failures) = run_examples(&pipeline);
    assert!(run >= 20, "rules carry examples");
    let report: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
    assert!(failures.is_empty(), "{} failing examples:\n{}", failures.len(), report.join("\n"));
}

#[test]
fn gazetteer_hierarchy_knows_prefecture_and_county_parents() {
    let rules = rules();
    assert!(rules.gazetteer.is_within("湖州市", "浙江省"));
    assert!(rules.gazetteer.is_within("长兴县", "浙江省"), "two levels up");
    assert!(!rules.gazetteer.is_within("浙江省", "湖州市"));
    assert!(rules.gazetteer.is_within("新德里", "印度"), "a capital lies in its country");
    assert!(!rules.gazetteer.is_within("新德里", "巴基斯坦"));
    assert!(rules.gazetteer.is_within("纽约", "美国"), "a world city lies in its time zone's country");
    assert!(!rules.gazetteer.is_within("纽约", "英国"));
    assert_eq!(rules.gazetteer.canonical(zhkg::model::EntityType::Place, "柳州"), Some("柳州市"));
}

#[test]
fn a_body_named_by_its_kind_alone_is_each_documents_own() {
    use zhkg::input::Document;
    use zhkg::model::EntityType;
    let pipeline = Pipeline::new(rules());
    let text = "县委书记在国务院会议上表示，县委将加快落实。";
    let orgs = |id: &str| {
        let facts = pipeline.run(&Document::from_text(id, text));
        let mut keys: Vec<_> =
            facts.mentions.into_iter().map(|m| m.entity).filter(|k| k.ty == EntityType::Organization).collect();
        keys.sort();
        keys.dedup();
        keys
    };
    let (a, b) = (orgs("a"), orgs("b"));
    let county = |keys: &[zhkg::model::EntityKey]| keys.iter().find(|k| k.name == "县委").cloned();
    let (county_a, county_b) = (county(&a).expect("县委 in a"), county(&b).expect("县委 in b"));
    assert_eq!(county_a.document.as_ref().map(|d| d.0.as_str()), Some("a"));
    assert_eq!(a.iter().filter(|k| k.name == "县委").count(), 1, "both mentions, one entity: {a:?}");
    assert_ne!(county_a, county_b, "documents share no 县委");
    let state_council = |keys: &[zhkg::model::EntityKey]| keys.iter().find(|k| k.name.ends_with("国务院")).cloned();
    assert_eq!(state_council(&a), state_council(&b), "a named body is the corpus's");
    assert_eq!(state_council(&a).and_then(|k| k.document), None);
}
