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
    assert_eq!(rules.gazetteer.canonical(zhkg::model::EntityType::Place, "柳州"), Some("柳州市"));
}
