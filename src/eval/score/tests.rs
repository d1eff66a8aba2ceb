use serde_json::{json, Value};

use super::*;
use crate::eval::{parse_gold, GoldReport};
use crate::model::{DocId, DocumentInfo, Mention, RuleRef, Span};

use EntityType::{Industry, Organization, Person, Place};

fn gold(parts: Value) -> GoldDoc {
    let mut doc = json!({"doc": "t.txt", "entities": [], "figures": [], "relations": [], "quotes": []});
    for (field, value) in parts.as_object().unwrap() {
        doc[field] = value.clone();
    }
    parse_gold(&doc.to_string(), "t.json").unwrap()
}

fn entity(ty: &str, name: &str, aliases: &[&str]) -> Value {
    json!({"type": ty, "name": name, "aliases": aliases})
}

fn gold_figure(text: &str, measure: Option<&str>, subject: Option<&str>) -> Value {
    json!({"text": text, "value": 1, "unit": "", "qualifier": null,
           "measure": measure, "subject": subject, "time": null})
}

fn prov(rule: &str) -> Provenance {
    Provenance { doc: DocId("t".into()), sentence: 0, span: Span::new(0, 1), rule: RuleRef::new(rule, "f.toml", 1) }
}

fn key(ty: EntityType, name: &str) -> EntityKey {
    EntityKey::new(ty, name)
}

fn facts() -> DocFacts {
    DocFacts {
        doc: DocumentInfo { id: DocId("t".into()), file_name: "t.txt".into(), char_len: 0, sentences: vec![] },
        mentions: vec![],
        relations: vec![],
        figures: vec![],
        quotes: vec![],
    }
}

fn mention(ty: EntityType, name: &str, surface: &str, rule: &str) -> Mention {
    Mention { entity: key(ty, name), surface: surface.into(), prov: prov(rule) }
}

fn relation(kind: RelationKind, subject: EntityKey, object: EntityKey, role: Option<&str>, rule: &str) -> RelationFact {
    RelationFact { kind, subject, object, role: role.map(Into::into), prov: prov(rule) }
}

fn figure(text: &str, measure: Option<&str>, subject: Option<EntityKey>, rule: &str) -> Figure {
    Figure {
        text: text.into(),
        value: 1.0,
        unit: String::new(),
        qualifier: None,
        measure: measure.map(Into::into),
        subject,
        period: None,
        prov: prov(rule),
    }
}

fn quote(speaker: EntityKey, text: &str, rule: &str) -> Quote {
    Quote { speaker, text: text.into(), direct: true, prov: prov(rule) }
}

fn texts(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.text.as_str()).collect()
}

#[test]
fn alias_of_gold_matches_surface_of_ours() {
    let gold = gold(json!({"entities": [entity("Place", "深圳市", &["深圳"])]}));
    // Canonical name equal, aliases beside.
    let mut ours = facts();
    ours.mentions = vec![mention(Place, "深圳市", "深圳", "r")];
    assert_eq!(score_doc(&gold, &ours).scores.entities.counts, Counts::new(1, 0, 0));
    // Only the short form known to us: it is a gold alias.
    ours.mentions = vec![mention(Place, "深圳", "深圳", "r")];
    assert_eq!(score_doc(&gold, &ours).scores.entities.counts, Counts::new(1, 0, 0));
    // Same name, other type: no match.
    ours.mentions = vec![mention(Organization, "深圳市", "深圳市", "r")];
    assert_eq!(score_doc(&gold, &ours).scores.entities.counts, Counts::new(0, 1, 1));
}

#[test]
fn names_compare_without_spaces() {
    let gold = gold(json!({"entities": [entity("Person", "黄汉权", &[])]}));
    let mut ours = facts();
    ours.mentions = vec![mention(Person, "黄 汉 权", "黄 汉\n权", "r")];
    assert_eq!(score_doc(&gold, &ours).scores.entities.counts, Counts::new(1, 0, 0));
}

#[test]
fn entities_pair_one_to_one() {
    let gold = gold(json!({"entities": [entity("Place", "深圳市", &["深圳"])]}));
    let mut ours = facts();
    ours.mentions = vec![mention(Place, "深圳", "深圳", "r.short"), mention(Place, "深圳市", "深圳市", "r.full")];
    let score = score_doc(&gold, &ours);
    // The exact canonical name wins; the other is a false positive.
    assert_eq!(score.scores.entities.counts, Counts::new(1, 1, 0));
    assert_eq!(texts(&score.scores.entities.false_positives), ["Place/深圳"]);
    assert_eq!(score.scores.entities.false_positives[0].rules, ["r.short"]);

    // One of ours cannot stand for two gold entities.
    let gold = gold_two_people();
    let mut ours = facts();
    ours.mentions = vec![mention(Person, "王锦侠", "王锦", "r")];
    let score = score_doc(&gold, &ours);
    assert_eq!(score.scores.entities.counts, Counts::new(1, 0, 1));
    assert_eq!(texts(&score.scores.entities.misses), ["Person/王锦"]);
}

fn gold_two_people() -> GoldDoc {
    gold(json!({"entities": [entity("Person", "王锦", &[]), entity("Person", "王锦侠", &[])]}))
}

#[test]
fn alias_pairing_is_maximal_not_greedy() {
    // Gold A could take ours 深圳 or 深圳市 by alias; gold B only 深圳.
    // A greedy pass giving A its first candidate, 深圳, would miss B.
    let gold = gold(json!({"entities": [
        entity("Place", "深圳特区", &["深圳", "深圳市"]),
        entity("Place", "深圳经济特区", &["深圳"]),
    ]}));
    let mut ours = facts();
    ours.mentions = vec![mention(Place, "深圳", "深圳", "r"), mention(Place, "深圳市", "深圳市", "r")];
    assert_eq!(score_doc(&gold, &ours).scores.entities.counts, Counts::new(2, 0, 0));
}

#[test]
fn relation_endpoints_and_quote_speakers_are_entities_of_ours() {
    let gold = gold(json!({"entities": [entity("Organization", "前海管理局", &[])]}));
    let mut ours = facts();
    ours.relations =
        vec![relation(RelationKind::LocatedIn, key(Organization, "前海管理局"), key(Place, "深圳"), None, "r.loc")];
    ours.quotes = vec![quote(key(Person, "王锦侠"), "前海迎来外资企业投资热潮", "r.q")];
    let score = score_doc(&gold, &ours);
    assert_eq!(score.scores.entities.counts, Counts::new(1, 2, 0));
    let fps: Vec<(&str, &[String])> =
        score.scores.entities.false_positives.iter().map(|f| (f.text.as_str(), f.rules.as_slice())).collect();
    assert_eq!(fps, [("Person/王锦侠", &["r.q".to_owned()][..]), ("Place/深圳", &["r.loc".to_owned()][..])]);
}

#[test]
fn figures_are_deduplicated_on_both_sides() {
    let gold = gold(json!({"entities": [entity("Place", "前海", &[])], "figures": [
        gold_figure("835项", Some("制度创新成果"), Some("前海")),
        gold_figure("835 项", Some("制度创新成果"), Some("前海")),
    ]}));
    let mut ours = facts();
    let qianhai = Some(key(Place, "前海"));
    ours.figures = vec![
        figure("835项", Some("制度创新成果"), qianhai.clone(), "r.a"),
        figure("835项", Some("制度创新成果"), qianhai.clone(), "r.b"),
        figure("835项", Some("成果"), qianhai, "r.c"),
    ];
    let score = score_doc(&gold, &ours);
    assert_eq!(score.scores.figures.counts, Counts::new(1, 1, 0));
    // The copy agreeing on measure and subject is the one paired.
    assert_eq!(score.scores.figure_measure, Ratio { hits: 1, total: 1 });
    assert_eq!(texts(&score.scores.figures.false_positives), ["835项 measure=成果 subject=前海"]);
    assert_eq!(score.scores.figures.false_positives[0].rules, ["r.c"]);
}

#[test]
fn figure_fields_count_only_where_gold_has_them() {
    let gold = gold(json!({"entities": [entity("Place", "深圳市", &["深圳"])], "figures": [
        gold_figure("5.5万家", Some("科技企业"), Some("深圳")),
        gold_figure("50%", None, None),
    ]}));
    let mut ours = facts();
    ours.mentions = vec![mention(Place, "深圳市", "深圳市", "r")];
    ours.figures = vec![
        figure("5.5万家", Some("企业"), Some(key(Place, "深圳市")), "r.f"),
        figure("50%", Some("增速"), None, "r.f"),
    ];
    let score = score_doc(&gold, &ours);
    assert_eq!(score.scores.figures.counts, Counts::new(2, 0, 0));
    assert_eq!(score.scores.figure_measure, Ratio { hits: 0, total: 1 });
    // Gold subject 深圳 is an alias of 深圳市, which ours names.
    assert_eq!(score.scores.figure_subject, Ratio { hits: 1, total: 1 });
    assert_eq!(texts(&score.scores.field_errors), ["figure 5.5万家 measure: ours 企业, gold 科技企业"]);
}

#[test]
fn figure_period_is_scored_where_gold_gives_a_time() {
    let mut with_time = gold_figure("835项", None, None);
    with_time["time"] = json!("2023年");
    let mut other_time = gold_figure("93项", None, None);
    other_time["time"] = json!("今年前4个月");
    let gold = gold(json!({"figures": [with_time, other_time, gold_figure("5.5万家", None, None)]}));
    let mut ours = facts();
    ours.figures = vec![
        Figure { period: Some("2023年".into()), ..figure("835项", None, None, "r.f") },
        Figure { period: Some("去年".into()), ..figure("93项", None, None, "r.f") },
        figure("5.5万家", None, None, "r.f"),
    ];
    let score = score_doc(&gold, &ours);
    assert_eq!(
        score.scores.figure_period,
        Ratio { hits: 1, total: 2 },
        "the figure without a gold time is not counted"
    );
    assert_eq!(texts(&score.scores.field_errors), ["figure 93项 period: ours 去年, gold 今年前4个月"]);
}

#[test]
fn relation_endpoints_match_through_aliases() {
    let gold = gold(json!({
        "entities": [entity("Place", "前海", &[]), entity("Place", "深圳市", &["深圳"])],
        "relations": [{"type": "locatedIn", "subject": "前海", "object": "深圳"}],
    }));
    let located = |object: &str, rule: &str| {
        relation(RelationKind::LocatedIn, key(Place, "前海"), key(Place, object), None, rule)
    };
    let mut ours = facts();
    ours.mentions = vec![mention(Place, "深圳市", "深圳", "r")];
    ours.relations = vec![located("深圳市", "r.a"), located("深圳市", "r.b")];
    let score = score_doc(&gold, &ours);
    assert_eq!(score.scores.relations.counts, Counts::new(1, 0, 0));
    assert_eq!(score.scores.relations.by_type["locatedIn"], Counts::new(1, 0, 0));

    // An endpoint aligned with another gold entity does not match by name.
    let mut ours = facts();
    ours.relations = vec![relation(RelationKind::PartOf, key(Place, "前海"), key(Place, "广东"), None, "r")];
    assert_eq!(score_doc(&gold, &ours).scores.relations.counts, Counts::new(0, 1, 1));
}

#[test]
fn unlisted_gold_endpoint_matches_by_name() {
    // 宝山 is not in the gold entity list (a gold slip); the name still matches.
    let gold = gold(json!({
        "entities": [entity("Organization", "宝钢股份宝山基地", &[])],
        "relations": [{"type": "locatedIn", "subject": "宝钢股份宝山基地", "object": "宝山"}],
    }));
    let mut ours = facts();
    ours.relations =
        vec![relation(RelationKind::LocatedIn, key(Organization, "宝钢股份宝山基地"), key(Place, "宝山"), None, "r")];
    assert_eq!(score_doc(&gold, &ours).scores.relations.counts, Counts::new(1, 0, 0));
}

#[test]
fn quotes_match_on_speaker_and_first_ten_characters() {
    let gold = gold(json!({
        "entities": [entity("Person", "王锦侠", &[]), entity("Person", "黄汉权", &[])],
        "quotes": [
            {"speaker": "王锦侠", "starts": "发展新质生产力，给前海带来"},
            {"speaker": "黄汉权", "starts": "因地制宜"},
        ],
    }));
    let wang = || key(Person, "王锦侠");
    let mut ours = facts();
    ours.quotes = vec![
        // Leading “ dropped, half-width comma equal to full-width, tail differs after 10.
        quote(wang(), "“发展新质生产力,给前海带去了机遇。”", "r.q"),
        // Gold shorter than 10: all of it must be there.
        quote(key(Person, "黄汉权"), "因地制宜发展新质生产力", "r.q"),
    ];
    assert_eq!(score_doc(&gold, &ours).scores.quotes.counts, Counts::new(2, 0, 0));

    ours.quotes = vec![
        quote(wang(), "发展新质生产力，为前海带来", "r.q"),
        quote(key(Person, "黄汉"), "因地制宜发展新质生产力", "r.q"),
        quote(wang(), "因地制宜发展新质生产力", "r.q"),
    ];
    let score = score_doc(&gold, &ours);
    assert_eq!(score.scores.quotes.counts, Counts::new(0, 3, 2));
    assert_eq!(
        texts(&score.scores.quotes.false_positives),
        ["王锦侠: 发展新质生产力,为前海带来", "王锦侠: 因地制宜发展新质生产力", "黄汉: 因地制宜发展新质生产力"]
    );
}

/// A small document with every kind of hit, miss and false positive.
fn worked_gold() -> GoldDoc {
    gold(json!({
        "entities": [
            entity("Person", "王锦侠", &[]),
            entity("Person", "黄汉权", &[]),
            entity("Organization", "深圳市前海管理局", &["前海管理局"]),
            entity("Place", "深圳市", &["深圳"]),
            entity("Place", "前海", &[]),
        ],
        "figures": [
            gold_figure("835项", Some("制度创新成果"), Some("前海")),
            gold_figure("835项", Some("制度创新成果"), Some("前海")),
            gold_figure("5.5万家", Some("科技企业"), Some("深圳")),
            gold_figure("50%", None, None),
        ],
        "relations": [
            {"type": "affiliation", "subject": "王锦侠", "object": "深圳市前海管理局", "role": "副局长"},
            {"type": "locatedIn", "subject": "深圳市前海管理局", "object": "深圳"},
            {"type": "locatedIn", "subject": "前海", "object": "深圳市"},
        ],
        "quotes": [
            {"speaker": "王锦侠", "starts": "发展新质生产力，给前海带来"},
            {"speaker": "黄汉权", "starts": "因地制宜"},
        ],
    }))
}

fn worked_facts() -> DocFacts {
    let authority = || key(Organization, "深圳市前海管理局");
    let (shenzhen, qianhai) = (|| key(Place, "深圳市"), || key(Place, "前海"));
    let mut f = facts();
    f.mentions = vec![
        mention(Person, "王锦侠", "王锦侠", "r.person"),
        mention(Person, "黄汉", "黄汉", "r.person"),
        mention(Organization, "深圳市前海管理局", "前海管理局", "r.org"),
        mention(Place, "深圳市", "深圳市", "r.place"),
        mention(Place, "深圳市", "深圳", "r.place"),
        mention(Place, "前海", "前海", "r.place"),
        mention(Place, "广东", "广东", "r.place"),
        mention(Industry, "新能源", "新能源", "r.industry"),
    ];
    f.figures = vec![
        figure("835项", Some("制度创新成果"), Some(qianhai()), "r.fig"),
        figure("835项", Some("制度创新成果"), Some(qianhai()), "r.fig2"),
        figure("5.5万家", Some("企业"), Some(shenzhen()), "r.fig"),
        figure("42.6%", None, None, "r.fig"),
    ];
    f.relations = vec![
        relation(RelationKind::Affiliation, key(Person, "王锦侠"), authority(), Some("局长"), "r.aff"),
        relation(RelationKind::LocatedIn, authority(), shenzhen(), None, "r.loc"),
        relation(RelationKind::LocatedIn, qianhai(), shenzhen(), None, "r.loc"),
        relation(RelationKind::LocatedIn, qianhai(), shenzhen(), None, "r.loc2"),
        relation(RelationKind::PartOf, authority(), key(Organization, "深圳市"), None, "r.part"),
    ];
    f.quotes = vec![
        quote(key(Person, "王锦侠"), "“发展新质生产力，给前海带来新的机遇。”", "r.quote"),
        quote(key(Person, "黄汉"), "因地制宜发展新质生产力", "r.quote"),
        quote(key(Person, "王锦侠"), "前海迎来外资企业投资热潮", "r.quote"),
    ];
    f
}

#[test]
fn worked_example_counts_per_category_and_type() {
    let score = score_doc(&worked_gold(), &worked_facts());
    // Entities: 王锦侠 深圳市前海管理局 深圳市 前海 found; 黄汉权 missed;
    // 黄汉 广东 新能源 and the partOf object Organization/深圳市 spurious.
    assert_eq!(score.scores.entities.counts, Counts::new(4, 4, 1));
    let by_type: Vec<(&str, Counts)> = score.scores.entities.by_type.iter().map(|(t, c)| (t.as_str(), *c)).collect();
    assert_eq!(
        by_type,
        [
            ("Industry", Counts::new(0, 1, 0)),
            ("Organization", Counts::new(1, 1, 0)),
            ("Person", Counts::new(1, 1, 1)),
            ("Place", Counts::new(2, 1, 0)),
        ]
    );
    assert_eq!(score.scores.figures.counts, Counts::new(2, 1, 1));
    assert_eq!(score.scores.relations.counts, Counts::new(3, 1, 0));
    assert_eq!(score.scores.relations.by_type["affiliation"], Counts::new(1, 0, 0));
    assert_eq!(score.scores.relations.by_type["locatedIn"], Counts::new(2, 0, 0));
    assert_eq!(score.scores.relations.by_type["partOf"], Counts::new(0, 1, 0));
    assert_eq!(score.scores.quotes.counts, Counts::new(1, 2, 1));
    assert_eq!(score.scores.figure_measure, Ratio { hits: 1, total: 2 });
    assert_eq!(score.scores.figure_subject, Ratio { hits: 2, total: 2 });
    assert_eq!(score.scores.affiliation_role, Ratio { hits: 0, total: 1 });
    assert_eq!(
        texts(&score.scores.field_errors),
        [
            "affiliation 王锦侠 → 深圳市前海管理局 role: ours 局长, gold 副局长",
            "figure 5.5万家 measure: ours 企业, gold 科技企业",
        ]
    );
    assert_eq!(texts(&score.scores.entities.misses), ["Person/黄汉权"]);
    assert_eq!(texts(&score.scores.figures.misses), ["50% measure=- subject=-"]);
    assert_eq!(texts(&score.scores.relations.false_positives), ["partOf 深圳市前海管理局 → 深圳市"]);
}

#[test]
fn report_is_micro_averaged_over_documents() {
    let mut report = GoldReport::new();
    report.add(score_doc(&worked_gold(), &worked_facts()));
    let other = gold(json!({"doc": "u.txt", "entities": [entity("Person", "习近平", &[])]}));
    let mut empty = facts();
    empty.doc.id = DocId("u".into());
    report.add(score_doc(&other, &empty));

    assert_eq!(report.documents, ["t", "u"]);
    assert_eq!(report.total.entities.counts, Counts::new(4, 4, 2));
    assert_eq!(report.total.entities.by_type["Person"], Counts::new(1, 1, 2));
    assert_eq!(report.total.entities.counts.precision(), 0.5);
    assert_eq!(report.total.entities.counts.recall(), 4.0 / 6.0);
    assert!((report.total.entities.counts.f1() - 4.0 / 7.0).abs() < 1e-12);
    let rules: Vec<(&str, usize)> = report.false_positives_by_rule.iter().map(|(r, n)| (r.as_str(), *n)).collect();
    assert_eq!(
        rules,
        [("r.fig", 1), ("r.industry", 1), ("r.part", 2), ("r.person", 1), ("r.place", 1), ("r.quote", 2)]
    );
}

#[test]
fn report_prints_a_table_and_every_finding() {
    let report: GoldReport = [score_doc(&worked_gold(), &worked_facts())].into_iter().collect();
    let text = report.to_string();
    let expected_rows = [
        "                       tp     fp     fn  precision   recall       F1",
        "entities                4      4      1      50.0%    80.0%    61.5%",
        "  Person                1      1      1      50.0%    50.0%    50.0%",
        "relations               3      1      0      75.0%   100.0%    85.7%",
        "  partOf                0      1      0       0.0%     0.0%     0.0%",
        "quotes                  1      2      1      33.3%    50.0%    40.0%",
        "figure measure found      1/2  50.0%",
        "      2  r.part",
        "entities: missed (1)",
        "  t  Person/黄汉权",
        "  t  Place/广东  ← r.place (f.toml:1)",
        "  t  partOf 深圳市前海管理局 → 深圳市  ← r.part (f.toml:1)",
    ];
    for row in expected_rows {
        assert!(text.lines().any(|l| l == row), "no line {row:?} in\n{text}");
    }
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["relations"]["by_type"]["locatedIn"]["tp"], 2);
    assert_eq!(json["entities"]["counts"]["fn"], 1);
    assert_eq!(json["false_positives_by_rule"]["r.part"], 2);
    assert_eq!(json["quotes"]["false_positives"][0]["rules"][0], "r.quote");
}
