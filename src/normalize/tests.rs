//! Tests over the real seed documents, with the furniture patterns read from
//! `rules/normalize.toml` so that the data file is tested too.
//!
//! `snapshots/seed_*.txt` hold the repaired text of each seed for review;
//! run with `ZHKG_UPDATE_SNAPSHOTS=1` to rewrite them after a deliberate
//! change.

use std::path::{Path, PathBuf};

use regex::Regex;
use serde::Deserialize;

use super::glyph::fold_width;
use super::{Normalizer, Repaired};
use crate::model::Span;

#[derive(Deserialize)]
struct NormalizeFile {
    furniture: Vec<FurniturePattern>,
}

#[derive(Deserialize)]
struct FurniturePattern {
    id: String,
    pattern: String,
    #[serde(default)]
    examples: Vec<String>,
}

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn furniture_file() -> NormalizeFile {
    let text = std::fs::read_to_string(crate_dir().join("rules/normalize.toml")).expect("reading rules/normalize.toml");
    toml::from_str(&text).expect("parsing rules/normalize.toml")
}

/// The repair the pipeline runs over the shipped rules (furniture and bylines).
fn normalizer() -> &'static Normalizer {
    crate::pipeline::shipped().normalizer()
}

/// Path of the seed whose file name starts with `prefix` (`000`).
fn seed_path(prefix: &str) -> PathBuf {
    let dir = crate_dir().join("seeds");
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("reading seeds/").map(|e| e.expect("seed entry").path()).collect();
    names.sort();
    names
        .into_iter()
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix) && n.ends_with(".txt")))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn seed(prefix: &str) -> String {
    std::fs::read_to_string(seed_path(prefix)).expect("reading seed")
}

const SEEDS: [&str; 5] = ["000", "001", "002", "003", "004"];

fn repaired_seed(prefix: &str) -> Repaired {
    normalizer().repair(&seed(prefix))
}

fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Source characters under `span`.
fn source_slice(source: &str, span: Span) -> String {
    source.chars().skip(span.start).take(span.len()).collect()
}

fn sentences(r: &Repaired) -> Vec<&str> {
    r.sentences().into_iter().map(|s| &r.text[s]).collect()
}

fn assert_contains(r: &Repaired, needle: &str) {
    assert!(r.text.contains(needle), "repaired text lacks {needle:?}:\n{}", r.text);
}

// ---- the map back to the source ----

#[test]
fn span_of_a_letter_spaced_name_points_at_its_source() {
    // Seed 000, line 22: `王 锦 侠 同 台 共 话 ，结 合 新 华 社 记`.
    let source = seed("000");
    let r = normalizer().repair(&source);
    let at = r.text.find("王锦侠同台共话").expect("name in repaired text");
    let span = r.source_span(at..at + "王锦侠".len());
    let slice = source_slice(&source, span);
    assert_eq!(slice, "王 锦 侠", "the span ends at the last character, not after its space");
    assert_eq!(squeezed(&slice), "王锦侠");
}

#[test]
fn span_of_a_name_broken_across_lines_covers_the_break() {
    // Seed 000, lines 20-21: `技术发展战略研究院党委书记刘` / `冬 梅 、深 圳 市`.
    let source = seed("000");
    let r = normalizer().repair(&source);
    let at = r.text.find("党委书记刘冬梅").expect("name in repaired text") + "党委书记".len();
    let slice = source_slice(&source, r.source_span(at..at + "刘冬梅".len()));
    assert_eq!(slice, "刘\n冬 梅");
}

#[test]
fn end_of_text_maps_to_end_of_source() {
    let source = seed("001");
    let r = normalizer().repair(&source);
    assert_eq!(r.source_offset(r.text.len()), source.chars().count());
    assert_eq!(r.source_span(0..0), Span::new(r.source_offset(0), r.source_offset(0)));
}

/// What must agree between a repaired character and its source character:
/// width, the half/full-width punctuation pairs, and whitespace kinds.
fn comparable(c: char) -> char {
    match fold_width(c) {
        '，' => ',',
        '：' => ':',
        '；' => ';',
        '？' => '?',
        '！' => '!',
        '（' => '(',
        '）' => ')',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

#[test]
fn every_character_maps_to_its_source_character_in_order() {
    for prefix in SEEDS {
        let source = seed(prefix);
        let source_chars: Vec<char> = source.chars().collect();
        let r = normalizer().repair(&source);
        let mut last: Option<usize> = None;
        for (byte, c) in r.text.char_indices() {
            let at = r.source_offset(byte);
            // A byline's space between two names is folded into 、 (bylines.rs).
            let byline_gap = c == '、' && source_chars[at].is_whitespace();
            assert!(
                byline_gap || comparable(c) == comparable(source_chars[at]),
                "seed {prefix}, byte {byte}: {c:?} from {at}"
            );
            assert!(last.is_none_or(|l| l < at), "seed {prefix}: offsets go back at byte {byte}");
            last = Some(at);
        }
    }
}

#[test]
fn sentences_are_trimmed_ordered_single_line_ranges() {
    for prefix in SEEDS {
        let r = repaired_seed(prefix);
        let mut end = 0;
        for s in r.sentences() {
            let text = &r.text[s.clone()];
            assert!(!text.is_empty() && s.start >= end, "seed {prefix}: {s:?}");
            assert_eq!(text, text.trim(), "seed {prefix}: untrimmed {text:?}");
            assert!(!text.contains('\n'), "seed {prefix}: {text:?} spans paragraphs");
            end = s.end;
        }
    }
}

// ---- spaces ----

#[test]
fn ocr_spaces_in_chinese_are_removed() {
    // Seed 000, lines 6 and 16.
    let r = repaired_seed("000");
    assert_contains(&r, "增加值同比增长19.7%……最新发布");
    assert_contains(&r, "新华社24日推出“中国经济圆桌会”");
    assert_contains(&r, "外资企业达489家，同比增幅达42.6%");
}

#[test]
fn spaces_in_latin_text_are_kept() {
    // Seed 000, line 126: `学研究”（AI for science）科研`.
    assert_contains(&repaired_seed("000"), "“人工智能驱动的科学研究”（AI for science）科研范式变革");
}

#[test]
fn ideographic_and_no_break_spaces_are_spaces() {
    let r = Normalizer::default().repair("新\u{3000}华\u{a0}社 报道。");
    assert_eq!(r.text, "新华社报道。");
}

// ---- line breaks ----

#[test]
fn lines_broken_mid_word_are_rejoined() {
    // Seed 000, lines 20-21; 236-238; 52-54.
    let r = repaired_seed("000");
    assert_contains(&r, "技术发展战略研究院党委书记刘冬梅、深圳市前海管理局副局长王锦侠同台共话");
    assert_contains(&r, "目前前海有科技企业5.5万家，其中国家高新技术企业2039家");
    assert_contains(&r, "要推动科技、教育、人才的一体化改革");
}

#[test]
fn paragraph_boundaries_are_kept() {
    // Seed 000, lines 9-11: `新质生产力的积极态势。` / `` / `如 何 避 免 认 知 误 区`.
    let r = repaired_seed("000");
    assert_contains(&r, "新质生产力的积极态势。\n如何避免认知误区，准确把握新质生产力内涵？因地制宜发展新质生产力，各地各行业如何找准主攻方向？\n新华社24日");
}

#[test]
fn headings_are_sentences_of_their_own() {
    // Seed 002, lines 3 and 11.
    let r = repaired_seed("002");
    let s = sentences(&r);
    assert_eq!(s[0], "发展新质生产力是推动高质量发展的内在要求和重要着力点");
    assert_eq!(s[1], "王一鸣");
    assert!(s.contains(&"大力推进科技创新特别是原创性、颠覆性科技创新"));
}

#[test]
fn bylines_and_short_titles_stand_alone() {
    // Seed 004, lines 5-7 and 121-125; seed 003, line 36.
    let s4 = repaired_seed("004");
    assert!(s4.text.starts_with("新质生产力的“点线面体”\n本报记者江迪、王金晶、高志民\n“新质生产力”——2023年9月"));
    assert_contains(&s4, "\n记者手记\n向新而行\n本报记者江迪\n基础之上");
    assert_contains(&repaired_seed("003"), "新华社图\n观点\n“新质生产力是科技创新");
}

#[test]
fn dash_lead_ins_end_their_line() {
    // Seed 001, lines 36-39: `加大创新力度——` / `位于广东东莞的中国散裂中子源，犹`.
    assert_contains(&repaired_seed("001"), "\n加大创新力度——\n位于广东东莞的中国散裂中子源，犹如超级显微镜");
}

// ---- doubling ----

#[test]
fn bold_runs_printed_twice_are_single() {
    // Seed 001, lines 7 and 327-330.
    let r = repaired_seed("001");
    assert!(r.text.starts_with("为高质量发展注入强劲推动力支撑力——从全国两会看发展新质生产力\n今天的中国"));
    assert_contains(&r, "\n在位于浙江省湖州市长兴经济技术开发区的长兴地通汽车部件有限公司，全自动机器人高速运转生产新能源汽车配件订单产品。\n");
    assert_contains(
        &r,
        "\n山东省寿光市营里镇恒远光伏项目，可以实现“光伏发电+新型储能+盐业制卤+水产养殖”等项目融合开发。\n",
    );
}

#[test]
fn ordinary_repeats_are_kept() {
    // Seed 000, lines 19 and 193: `济 研 究 院 院 长`, `质 生 产 力 仅 仅 是`.
    let r = repaired_seed("000");
    assert_contains(&r, "宏观经济研究院院长黄汉权");
    assert_contains(&r, "质生产力仅仅是依靠科技创新");
}

// ---- markup and width ----

#[test]
fn markdown_markup_is_removed() {
    // Seeds 002 and 003: `#`, `##`, `**…**`, `■`.
    for prefix in ["002", "003"] {
        let r = repaired_seed(prefix);
        assert!(!r.text.contains(['#', '*', '■']), "seed {prefix} keeps markup");
    }
    let r = repaired_seed("003");
    assert_contains(&r, "\n主持人：刘迪本报记者\n嘉宾：张占斌中央党校（国家行政学院）中国式现代化研究中心主任");
    assert_contains(&r, "\n编者按新质生产力，是2023年9月习近平总书记");
}

#[test]
fn half_width_punctuation_after_chinese_is_full_width() {
    // Seed 002, line 9: `总的来看,新质生产力已经在我国经济发展实践中形成`.
    let r = repaired_seed("002");
    assert_contains(&r, "总的来看，新质生产力已经在我国经济发展实践中形成");
    assert_contains(&r, "习近平总书记指出：“以科技创新为引领，统筹推进");
    assert!(!r.text.contains([',', ':', ';']), "half-width punctuation left in seed 002");
}

#[test]
fn full_width_ascii_is_folded() {
    let r = Normalizer::default().repair("２０２４年ＧＤＰ增长５．２％，ＡＩ　ｆｏｒ　ｓｃｉｅｎｃｅ。");
    assert_eq!(r.text, "2024年GDP增长5.2%，AI for science。");
}

#[test]
fn replacement_characters_are_removed() {
    let r = Normalizer::default().repair("新质\u{FFFD}生产力\n\u{FFFD}\u{FFFD}\n发展。");
    assert_eq!(r.text, "新质生产力发展。");
}

// ---- furniture ----

/// Source lines that the furniture patterns drop.
fn dropped_lines(prefix: &str) -> Vec<String> {
    let file = furniture_file();
    let patterns: Vec<Regex> = file.furniture.iter().map(|f| Regex::new(&f.pattern).expect(&f.id)).collect();
    seed(prefix)
        .lines()
        .filter(|l| {
            let s: String = squeezed(l).chars().map(fold_width).collect();
            !s.is_empty() && patterns.iter().any(|p| p.is_match(&s))
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn furniture_in_the_seeds_is_exactly_these_lines() {
    assert!(dropped_lines("000").is_empty());
    assert_eq!(
        dropped_lines("001"),
        ["专 题2024年 3月 9日", "编审：冯家园 编辑：周强 陈静芳 检校：陈华 版式：敖翔", "3", "·本版图文据新华社电·"]
    );
    assert_eq!(dropped_lines("002"), ["ZHUAN TI SHEN SI  ", "专题深思"]);
    assert_eq!(dropped_lines("003"), ["→ 6版·论苑", "→ 7版·智库", "→ 8版·学人"]);
    assert!(dropped_lines("004").is_empty());
}

#[test]
fn furniture_is_gone_from_the_repaired_text() {
    let r = repaired_seed("001");
    assert!(r.text.starts_with("为高质量发展"), "masthead left: {:?}", &r.text[..60]);
    assert!(!r.text.contains("本版图文"));
    let r = repaired_seed("002");
    assert!(!r.text.contains("ZHUAN") && !r.text.contains("专题深思"));
    assert!(r.text.ends_with("完善现代化产业"));
    assert!(!repaired_seed("003").text.contains("版·"));
}

#[test]
fn furniture_file_examples_match_and_ids_are_unique() {
    let file = furniture_file();
    let mut ids: Vec<&str> = file.furniture.iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), file.furniture.len(), "duplicate furniture ids");
    for f in &file.furniture {
        let re = Regex::new(&f.pattern).expect(&f.id);
        assert!(!f.examples.is_empty(), "{} has no example", f.id);
        for ex in &f.examples {
            assert!(re.is_match(&squeezed(ex)), "{}: example {ex:?} does not match", f.id);
        }
    }
}

#[test]
fn furniture_inside_a_paragraph_line_is_text() {
    let r = normalizer().repair("各地纷纷举办专题会议，\n专题2024年3月9日会议召开。");
    assert_eq!(r.text, "各地纷纷举办专题会议，专题2024年3月9日会议召开。");
}

// ---- scale ----

#[test]
fn a_long_unbroken_line_is_repaired_in_linear_time() {
    // 400k Han characters, no punctuation, no line break: a quadratic pass
    // would not finish.
    let mut x: u32 = 12345;
    let line: String = (0..400_000)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            char::from_u32(0x4E00 + (x >> 16) % 64).unwrap_or('中')
        })
        .collect();
    let r = Normalizer::default().repair(&line);
    assert!(r.text.chars().count() > 300_000);
    assert_eq!(r.sentences().len(), 1);
}

// ---- snapshots ----

#[test]
fn seed_snapshots() {
    let update = std::env::var_os("ZHKG_UPDATE_SNAPSHOTS").is_some();
    let dir = crate_dir().join("src/normalize/snapshots");
    for prefix in SEEDS {
        let path = dir.join(format!("seed_{prefix}.txt"));
        let actual = format!("{}\n", repaired_seed(prefix).text);
        if update {
            std::fs::create_dir_all(&dir).expect("creating snapshots/");
            std::fs::write(&path, &actual).expect("writing snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            expected == actual,
            "{} differs; rerun with ZHKG_UPDATE_SNAPSHOTS=1 and review the diff",
            path.display()
        );
    }
}
