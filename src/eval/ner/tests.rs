use std::path::Path;

use super::*;
use crate::model::{DocId, EntityKey, Provenance, RuleRef, Span};

fn span(start: usize, end: usize, label: NerLabel, text: &str) -> NerSpan {
    NerSpan { start, end, label, text: text.into() }
}

fn mention(ty: EntityType, start: usize, end: usize) -> Mention {
    Mention {
        entity: EntityKey::new(ty, "x"),
        surface: "x".into(),
        prov: Provenance {
            doc: DocId("s".into()),
            sentence: 0,
            span: Span::new(start, end),
            rule: RuleRef::new("x", "f.toml", 1),
        },
    }
}

use NerLabel::{Organization as Org, Person as Per, Place as Loc};

#[test]
fn parses_lines_and_skips_blank_ones() {
    let input = concat!(
        r#"{"text": "相比之下，青岛海牛队赢了", "entities": [{"start": 5, "end": 10, "type": "ORG", "text": "青岛海牛队"}]}"#,
        "\n\n",
        r#"{"text": "无", "entities": []}"#,
        "\n"
    );
    let examples = parse_jsonl(input, "dev.jsonl").unwrap();
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].entities, [span(5, 10, Org, "青岛海牛队")]);
}

#[test]
fn every_bad_line_is_reported_with_its_number() {
    let input = concat!(
        r#"{"text": "北京", "entities": [{"start": 0, "end": 2, "type": "LOC", "text": "北京"}]}"#,
        "\n",
        r#"{"text": "北京", "entities": [{"start": 0, "end": 2, "type": "GPE", "text": "北京"}]}"#,
        "\n",
        r#"{"text": "北京", "entities": [{"start": 1, "end": 3, "type": "LOC", "text": "北京"}]}"#,
        "\n",
        "{\"text\": \"北京\"\n",
    );
    let err = parse_jsonl(input, "dev.jsonl").unwrap_err().to_string();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("dev.jsonl:2: column ") && lines[0].contains("unknown variant `GPE`"), "{err}");
    assert_eq!(lines[1], "dev.jsonl:3: span 1..3 LOC `北京` does not match the sentence (2 characters)");
    assert!(lines[2].starts_with("dev.jsonl:4: column "), "{err}");
}

#[test]
fn mentions_become_spans_without_industries() {
    let text = "李明在北京研究人工智能";
    let mentions =
        [mention(EntityType::Person, 0, 2), mention(EntityType::Place, 3, 5), mention(EntityType::Industry, 7, 11)];
    assert_eq!(predicted_spans(text, &mentions), [span(0, 2, Per, "李明"), span(3, 5, Loc, "北京")]);
    // A span past the sentence is dropped, not a panic.
    assert_eq!(predicted_spans("李明", &[mention(EntityType::Person, 1, 4)]), []);
}

/// Two sentences, scored by hand:
/// PER: 李明 missed (we said ORG).                         tp 0 fp 0 fn 1
/// LOC: 北京 found (predicted twice, counted once); 青岛 is a
///      false positive inside 青岛海牛队; 上海 missed.        tp 1 fp 1 fn 1
/// ORG: 广州松日队 found; 青岛海牛队 missed; 李明 spurious.   tp 1 fp 1 fn 1
/// micro: tp 2 fp 2 fn 3 → P 0.5, R 0.4, F1 4/9.
#[test]
fn worked_example() {
    let text = "青岛海牛队和广州松日队在北京比赛，李明说。";
    let gold = [
        span(0, 5, Org, "青岛海牛队"),
        span(6, 11, Org, "广州松日队"),
        span(12, 14, Loc, "北京"),
        span(17, 19, Per, "李明"),
    ];
    let mentions = [
        mention(EntityType::Place, 0, 2),
        mention(EntityType::Organization, 6, 11),
        mention(EntityType::Place, 12, 14),
        mention(EntityType::Place, 12, 14),
        mention(EntityType::Organization, 17, 19),
        mention(EntityType::Industry, 14, 16),
    ];
    let mut scorer = NerScorer::new();
    scorer.add(text, &gold, &predicted_spans(text, &mentions));
    scorer.add("上海很美。", &[span(0, 2, Loc, "上海")], &[]);
    let report = scorer.report();

    assert_eq!(report.sentences, 2);
    assert_eq!(report.by_label["PER"], Counts::new(0, 0, 1));
    assert_eq!(report.by_label["LOC"], Counts::new(1, 1, 1));
    assert_eq!(report.by_label["ORG"], Counts::new(1, 1, 1));
    assert_eq!(report.micro, Counts::new(2, 2, 3));
    assert_eq!(report.micro.precision(), 0.5);
    assert_eq!(report.micro.recall(), 0.4);
    assert!((report.micro.f1() - 4.0 / 9.0).abs() < 1e-12);

    let errors: Vec<(NerErrorKind, &str, &str, String)> = report
        .errors
        .iter()
        .map(|e| (e.kind, e.span.text.as_str(), e.context.as_str(), e.overlapping.join(",")))
        .collect();
    use NerErrorKind::{FalsePositive, Missed};
    assert_eq!(
        errors,
        [
            (Missed, "青岛海牛队", "【青岛海牛队】和广州松日队在北京比赛，李明说。", "LOC 青岛".to_owned()),
            (Missed, "李明", "青岛海牛队和广州松日队在北京比赛，【李明】说。", "ORG 李明".to_owned()),
            (Missed, "上海", "【上海】很美。", String::new()),
            (FalsePositive, "青岛", "【青岛】海牛队和广州松日队在北京比赛，李明说。", "ORG 青岛海牛队".to_owned()),
            (FalsePositive, "李明", "青岛海牛队和广州松日队在北京比赛，【李明】说。", "PER 李明".to_owned()),
        ]
    );

    let table = report.to_string();
    for row in [
        "PER                     0      0      1       0.0%     0.0%     0.0%",
        "LOC                     1      1      1      50.0%    50.0%    50.0%",
        "micro                   2      2      3      50.0%    40.0%    44.4%",
        "  ORG 青岛海牛队  【青岛海牛队】和广州松日队在北京比赛，李明说。  (other side: LOC 青岛)",
    ] {
        assert!(table.lines().any(|l| l == row), "no line {row:?} in\n{table}");
    }
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["micro"]["fn"], 3);
    assert_eq!(json["errors"][0]["span"]["type"], "ORG");
}

#[test]
fn context_is_cut_around_long_spans() {
    let text = format!("{}北京{}", "一".repeat(25), "二".repeat(25));
    let shown = context(&text, &span(25, 27, Loc, "北京"));
    assert_eq!(shown, format!("…{}【北京】{}…", "一".repeat(20), "二".repeat(20)));
}

#[test]
fn error_sample_is_capped() {
    let mut scorer = NerScorer::new();
    for _ in 0..40 {
        scorer.add("北京", &[span(0, 2, Loc, "北京")], &[span(0, 1, Loc, "北")]);
    }
    let report = scorer.report();
    assert_eq!(report.micro, Counts::new(0, 40, 40));
    assert_eq!(report.errors.len(), 2 * ERROR_SAMPLE);
}

#[test]
fn real_dev_corpus_head_parses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ner-dev/peoples_daily_1998_dev.jsonl");
    let Ok(corpus) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let head: String = corpus.lines().take(50).map(|l| format!("{l}\n")).collect();
    let examples = parse_jsonl(&head, &path.display().to_string()).unwrap();
    assert_eq!(examples.len(), 50);
    assert_eq!(examples[1].entities[0], span(5, 10, Org, "青岛海牛队"));
    // Scoring gold against itself is perfect.
    let mut scorer = NerScorer::new();
    for e in &examples {
        scorer.add(&e.text, &e.entities, &e.entities);
    }
    let report = scorer.report();
    assert!(report.micro.tp > 0 && report.micro.fp == 0 && report.micro.fn_ == 0);
}
