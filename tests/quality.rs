//! Extraction quality as a tested property: the dev gold and the NER dev
//! split (in `../shared`, beside the checkout) score at or above the floors
//! in `quality-floors.toml`. A change that lowers a measure fails here, with
//! the measure named.
//!
//! Without `../shared` the test is skipped with a note, unless
//! `ZHKG_REQUIRE_SHARED` is set (as `.ci/run` does), when it fails.

use std::path::Path;
use std::process::Command;

#[test]
fn dev_scores_stay_at_or_above_their_floors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared");
    if !shared.join("gold").is_dir() {
        assert!(std::env::var_os("ZHKG_REQUIRE_SHARED").is_none(), "{} is required but absent", shared.display());
        eprintln!("note: {} is absent; quality floors not checked", shared.display());
        return;
    }
    let mut gold: Vec<String> = std::fs::read_dir(shared.join("gold"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| p.display().to_string())
        .collect();
    gold.sort();
    let ner = shared.join("ner-dev/peoples_daily_1998_dev.jsonl");
    let o = Command::new(env!("CARGO_BIN_EXE_zhkg"))
        .current_dir(root)
        .arg("eval")
        .arg("--gold")
        .args(&gold)
        .arg("--ner")
        .arg(&ner)
        .args(["--min", "quality-floors.toml"])
        .output()
        .expect("zhkg runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "below the floors of quality-floors.toml:\n{stderr}");
}
