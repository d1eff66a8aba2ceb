//! Entity recognition: gazetteers, organization suffix grammar, name
//! patterns and jieba tags propose candidates; the longest (then the
//! highest-priority) win; names found with confidence are then found again
//! everywhere in the document.

use std::collections::BTreeSet;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{EntityMention, RelationMention, Sentence};
use crate::model::EntityType;
use crate::rules::{EntityRule, EntityRuleKind, GazetteerEntry, Lexicons, Rules};
use crate::segment::Token;

mod orgs;
mod places;

/// Finds every entity mention of a document, sorted by position.
pub fn recognize(rules: &Rules, text: &str, sentences: &[Sentence<'_>]) -> Vec<EntityMention> {
    let mut mentions = Vec::new();
    for s in sentences {
        let candidates = candidates(rules, s);
        mentions.extend(select(candidates));
    }
    propagate(rules, text, sentences, &mut mentions);
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.nested));
    mentions
}

fn candidates(rules: &Rules, s: &Sentence<'_>) -> Vec<EntityMention> {
    let mut out = Vec::new();
    let selected = rules.prefilters.entities.select(s.text);
    // Every gazetteer rule reads the same matches, each keeping its type's.
    let mut listed = None;
    for rule in selected.of(&rules.entity_rules) {
        match rule.kind {
            EntityRuleKind::Gazetteer => {
                let listed = listed.get_or_insert_with(|| rules.gazetteer.find_iter(s.text).collect::<Vec<_>>());
                gazetteer(rules, rule, s, listed, &mut out);
            }
            EntityRuleKind::Suffix if rule.ty == EntityType::Place => place_suffix_names(rules, rule, s, &mut out),
            EntityRuleKind::Suffix if rule.ty == EntityType::Industry => industry_compounds(rules, rule, s, &mut out),
            EntityRuleKind::Suffix => suffix_names(rules, rule, s, &mut out),
            EntityRuleKind::Standalone => standalone_bodies(rules, rule, s, &mut out),
            EntityRuleKind::List => industry_list(rules, rule, s, &mut out),
            EntityRuleKind::Pattern => pattern(rules, rule, s, &mut out),
            EntityRuleKind::Tagger => tagger(rules, rule, s, &mut out),
            EntityRuleKind::Document => {}
        }
    }
    out
}

fn mention(s: &Sentence<'_>, start: usize, end: usize, rule: &EntityRule) -> EntityMention {
    EntityMention {
        start: s.offset + start,
        end: s.offset + end,
        ty: rule.ty,
        sentence: s.index,
        rule: rule.rule.clone(),
        canonical: None,
        priority: rule.priority,
        nested: false,
        document_scoped: rule.document_scoped,
    }
}

/// Listed names. A short listed form (two characters or fewer) must also be
/// a whole word to jieba, so 东方 in 东方红 is not the place 东方.
fn gazetteer(
    rules: &Rules,
    rule: &EntityRule,
    s: &Sentence<'_>,
    listed: &[(usize, usize, &GazetteerEntry)],
    out: &mut Vec<EntityMention>,
) {
    for &(start, end, entry) in listed {
        let short = s.text[start..end].chars().count() <= 2;
        let aligned = s.bounds.contains(start) && s.bounds.contains(end);
        let place_head =
            entry.ty == EntityType::Place && (heads_compound(s, start, end) || in_place_chain(rules, s, start, end));
        if entry.ty != rule.ty || (short && !aligned && !place_head) {
            continue;
        }
        // 绿色低碳产业链: a chain of industries, not the industry.
        if entry.ty == EntityType::Industry && s.text[end..].starts_with('链') {
            continue;
        }
        // 地区 is a generic head, not part of the region's name (东北地区 is
        // the region 东北, as the NER corpus marks it).
        let end = match s.text[start..end].strip_suffix(GENERIC_REGION_HEAD) {
            Some(name) if name == entry.canonical => start + name.len(),
            _ => end,
        };
        let mut m = mention(s, start, end, rule);
        m.rule = entry.rule.clone();
        m.canonical = Some(entry.canonical.clone());
        out.push(m);
    }
}

const GENERIC_REGION_HEAD: &str = "地区";

/// True when `start..end` opens a longer word that jieba's dictionary
/// merged with the word after it (法国总理, 中国国情, 美国政府): the name is
/// the head of the compound, not a piece of another word.
fn heads_compound(s: &Sentence<'_>, start: usize, end: usize) -> bool {
    s.tokens.iter().find(|t| t.start == start && t.end > end).is_some_and(|t| {
        let rest = &s.text[end..t.end];
        // 荷兰人, 江西籍: the people of a place, whatever jieba tags the word.
        let people = matches!(rest, "人" | "籍");
        people || (rest.chars().count() >= MIN_COMPOUND_REST && !matches!(t.tag, "nr" | "nrfg" | "nrt" | "ns"))
    })
}

const MIN_COMPOUND_REST: usize = 1;

/// True when `start..end` lies in a word that listed places tile from end to
/// end (广西南宁: 广西 + 南宁): jieba glued a chain of places, each a place.
fn in_place_chain(rules: &Rules, s: &Sentence<'_>, start: usize, end: usize) -> bool {
    s.tokens.iter().find(|t| t.start <= start && end <= t.end).is_some_and(|t| is_place_chain(rules, t.word))
}

fn is_place_chain(rules: &Rules, word: &str) -> bool {
    let mut at = 0;
    let mut parts = 0;
    for (start, end, entry) in rules.gazetteer.find_iter(word) {
        if entry.ty != EntityType::Place || start != at {
            return false;
        }
        at = end;
        parts += 1;
    }
    parts >= 2 && at == word.len()
}

/// Organization = name part + suffix (中国科学院 + 高能物理 + 研究所). The name
/// part is the run of noun-like words right before the suffix word, and it
/// must hold at least one proper name (a place, an organization, a foreign
/// word, a word jieba does not know): 国际社会 and 人类社会 are not bodies.
fn suffix_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let suffixes = &rules.lexicons.org_suffixes;
    for (i, tok) in s.tokens.iter().enumerate() {
        // 司法部长, 农林部长: jieba glues a minister's title to the ministry;
        // the word without 长 is the body (司法部), a title-holder's own.
        let head_of = head_title_stem(rules, tok);
        let (tok, from_title) = match head_of {
            Some(stem) => {
                (&Token { word: stem, tag: "n", start: tok.start, end: tok.start + stem.len(), known: true }, true)
            }
            None => (tok, false),
        };
        let Some(suffix) = suffixes.longest_in(tok.word) else { continue };
        // 统战部部长, 代表团团长: a bare title after the body's full name.
        let after_body = i > 0 && suffixes.longest_in(s.tokens[i - 1].word).is_some();
        if from_title && tok.word == suffix && after_body {
            continue;
        }
        // A bare one-character suffix is a noun (所/n), not the particle 所
        // (印度所面临); a bare title stands for a ministry only (农林/部长),
        // not a bank (首任/行长).
        let bare_one = tok.word == suffix && suffix.chars().count() == 1;
        if bare_one && (!matches!(tok.tag, "n" | "ng" | "nt" | "j") || (from_title && suffix != "部")) {
            continue;
        }
        // A one-character suffix (局, 部, 署) ends many common words (部署,
        // 干部, 布局): it counts as a word of its own, in a word jieba tags as
        // an organization, or after a two-character stem (科技厅).
        let own_stem = tok.word.chars().count() - suffix.chars().count();
        if suffix.chars().count() == 1 && own_stem == 1 && tok.tag != "nt" {
            continue;
        }
        // 莫斯科, 东南部: a place or a direction that ends like a suffix; 体育馆
        // ends in a building's suffix, which makes a place (place.suffix).
        let building = rules
            .lexicons
            .place_suffixes
            .longest_in(tok.word)
            .is_some_and(|p| p.len() > suffix.len() && rules.lexicons.place_suffixes[p] == "building");
        if building {
            continue;
        }
        let place_word = own_stem > 0 && (tok.tag == "ns" || is_listed_place(rules, tok.word));
        if place_word || tok.tag == "f" {
            continue;
        }
        let name_start = orgs::name_start(rules, rule, &s.tokens[..i], tok.word);
        let start_tok = first_proper(rules, &s.tokens[..i], name_start);
        let name_part = &s.tokens[start_tok..i];
        let own_prefix = tok.word.len() > suffix.len();
        // 民营银行微众银行: a name between its kind and the suffix again.
        let apposition = tok.word == suffix && start_tok > 0 && start_tok < i && s.tokens[start_tok - 1].word == suffix;
        let proper = if suffixes[suffix] == "brand" {
            // 三一重工, 中国石化, 宝钢股份 (one word to jieba); but 广东汽车 or
            // 新能源汽车 name no company.
            (tok.word == suffix && name_part.last().is_some_and(is_brand))
                || (tok.word.chars().count() >= suffix.chars().count() + 2 && matches!(tok.tag, "nz" | "nt" | "j"))
        } else {
            // 智利队, 深圳市政协: the suffix's own word opens with a listed name.
            let own_listed = own_prefix && is_listed_name(rules, &tok.word[..tok.word.len() - suffix.len()]);
            // A ministry its minister names needs a field of two characters
            // (司法部长 → 司法部; 部长 alone names none).
            let ministry = from_title && tok.word.chars().count() >= 3;
            name_part.iter().any(|t| is_proper(rules, t))
                || (own_prefix && tok.tag == "nt")
                || own_listed
                || apposition
                || ministry
        };
        let start = match orgs::named_by_itself(rules, name_part, tok, suffix) {
            true => tok.start,
            false => name_part.first().map_or(tok.start, |t| t.start),
        };
        // 江南日报社影视部, 南山人民医院宣教科: a sub-unit written right
        // after its parent is one body with it (the parent stays a body of
        // its own, nested).
        let parent = out
            .iter()
            .filter(|m| m.ty == EntityType::Organization && m.end == s.offset + start)
            .map(|m| m.start - s.offset)
            .min();
        let (start, proper) = match parent {
            Some(p) if !proper && suffixes[suffix] != "brand" && tok.end - start <= MAX_SUB_UNIT => (p, true),
            _ => (start, proper),
        };
        let name = &s.text[start..tok.end];
        let counted = name_part.first().is_some_and(|t| is_quantity(t.word));
        let generic = orgs::bodies_of_place(rules, &s.tokens[start_tok..i], tok);
        if proper && !counted && !generic && !rules.lexicons.not_organization.contains(name) {
            out.push(mention(s, start, tok.end, rule));
        }
    }
    orgs::level_bodies(rules, rule, s, out);
}

/// Bodies named by their kind alone (standalone_bodies.txt): a word that is
/// one (市委, 国会), or opens a word jieba glued to a title (市委书记, 省委常委),
/// where the body is the word less the title.
fn standalone_bodies(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let bodies = &rules.lexicons.standalone_bodies;
    for tok in &s.tokens {
        let body_len = if bodies.contains(tok.word) {
            Some(tok.word.len())
        } else {
            tok.word
                .char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .find(|&at| bodies.contains(&tok.word[..at]) && rules.lexicons.is_title(&tok.word[at..]))
        };
        if let Some(len) = body_len {
            out.push(mention(s, tok.start, tok.start + len, rule));
        }
    }
}

/// Place = name part + a suffix from place_suffixes.txt (泥汊 + 镇, 斋堂 +
/// 川, 伶俐 + 工业园区). The name part is the rest of the suffix's word when
/// jieba glued them (公明镇, tagged as a name), or one or two short words
/// right before a bare suffix (泥/汊/镇). Either way it must read as a proper
/// name: a word jieba tags as a name or place, or does not know; 全县, 该镇,
/// 山村 and 江河 are no places.
fn place_suffix_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let suffixes = &rules.lexicons.place_suffixes;
    for (i, tok) in s.tokens.iter().enumerate() {
        let Some(suffix) = suffixes.longest_in(tok.word) else { continue };
        let zone = suffixes[suffix] == "zone";
        // A building or site is named like a body: proper words before it
        // (南非国家博物馆, 上海虹口体育馆, 德黑兰机场).
        if suffixes[suffix] == "building" {
            if let Some(start) = building_name_start(rules, rule, s, i, suffix) {
                out.push(mention(s, start, tok.end, rule));
            }
            continue;
        }
        let start = if tok.word.len() > suffix.len() {
            let stem = &tok.word[..tok.word.len() - suffix.len()];
            let one = stem.chars().count() == 1;
            // A name jieba knows (nr) whose last character is also
            // a river's or a mountain's. A one-character stem makes a place
            // only in jieba's own places (长江, 泰山), never a generic one.
            let person = tok.tag.starts_with("nr") && suffixes[suffix] == "nature" && starts_with_surname(rules, stem);
            // A named building jieba tags as a body (北京图书大厦/nt) is a place.
            let venue = suffixes[suffix] == "venue" && tok.tag == "nt";
            let glued = if one {
                tok.tag == "ns" && !stem.starts_with(|c| rules.lexicons.not_one_char_stems.contains(&c))
            } else {
                PLACE_STEM_TAGS.contains(&tok.tag) || venue
            };
            (glued && !person && place_stem(&rules.lexicons, stem, tok.tag == "ns", zone)).then_some(tok.start)
        } else {
            // jieba's own place before the suffix (山泉/乡) is a name.
            let jieba_place = i > 0 && s.tokens[i - 1].tag == "ns";
            place_name_part(rules, &s.tokens[..i], zone)
                .filter(|&st| place_stem(&rules.lexicons, &s.text[st..tok.start], jieba_place, zone))
        };
        let Some(start) = start else { continue };
        let start = spelt_place_start(rules, &s.tokens[..i], start, &s.text[start..tok.end - suffix.len()]);
        let name = &s.text[start..tok.end];
        if !rules.lexicons.is_title(name) && !rules.lexicons.not_organization.contains(name) {
            out.push(mention(s, start, tok.end, rule));
        }
    }
    places::divisions(rules, rule, s, out);
}

/// Where a place's name spelt by sound begins when jieba cut it into pieces
/// (某克/nrt 伍德县): a stem spelt by sound takes in the words spelt by sound
/// right before it that jieba tags as names or places.
fn spelt_place_start(rules: &Rules, before: &[Token<'_>], start: usize, stem: &str) -> usize {
    if !is_spelt(rules, stem) || stem.is_empty() {
        return start;
    }
    let (mut at, mut chars) = (start, stem.chars().count());
    for t in before.iter().rev().skip_while(|t| t.start >= start) {
        chars += t.word.chars().count();
        let piece = t.end == at && is_spelt(rules, t.word) && matches!(t.tag, "nr" | "nrt" | "ns");
        if !piece || chars > MAX_SPELT_PLACE_CHARS {
            break;
        }
        at = t.start;
    }
    at
}

/// Longest place name spelt by sound pieced together before its suffix.
const MAX_SPELT_PLACE_CHARS: usize = 8;

/// Start of a building's name: the organization grammar's name part before
/// the suffix word, holding a proper word, or a stem glued to the suffix that
/// is one (首都机场/nz).
fn building_name_start(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, i: usize, suffix: &str) -> Option<usize> {
    let tok = &s.tokens[i];
    let before = &s.tokens[..i];
    let start_tok = first_proper(rules, before, name_part_start(rules, rule, before));
    let name_part = &before[start_tok..];
    let own_proper = tok.word.len() > suffix.len() && (PROPER_TAGS.contains(&tok.tag) || tok.tag == "nr");
    let proper = name_part.iter().any(|t| is_proper(rules, t)) || own_proper;
    let start = name_part.first().map_or(tok.start, |t| t.start);
    let counted = name_part.first().is_some_and(|t| is_quantity(t.word));
    (proper && !counted && start < tok.end).then_some(start)
}

/// Tags of a word that can hold a place's name: names, places, words jieba
/// does not know. (A two-character `ns` word is a place already: 长江.)
const PLACE_STEM_TAGS: [&str; 6] = ["ns", "nr", "nrfg", "nrt", "nz", "x"];

/// Chinese numerals: part of the number grammar (as the NUM macro is), not
/// a lexicon.
const NUMBER_CHARS: &str = "一二三四五六七八九十百千万两";

/// Whether `stem` before a place's suffix can name the place: not a generic
/// stem opening with a determiner or a number (lexicons/
/// generic_stem_start_chars.txt: 全县, 该镇, 两岸), nor, unless jieba reads it
/// as a place (ns), one opening with a size (size_stem_start_chars.txt: 小山;
/// 东湖, 大别山 are names).
fn place_stem(lex: &Lexicons, stem: &str, jieba_place: bool, zone: bool) -> bool {
    let n = stem.chars().count();
    let Some(first) = stem.chars().next() else { return false };
    let shape = if zone { (2..=6).contains(&n) } else { (1..=4).contains(&n) };
    // 海纳百川, 半壁江山: idioms, with a number or a landscape word inside;
    // 大城市, 港口城市: cities in general.
    let idiom = stem.chars().any(|c| NUMBER_CHARS.contains(c)) || stem.ends_with(['江', '河', '山', '大', '名', '城']);
    shape
        && stem.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !idiom
        && !lex.generic_stem_starts.contains(&first)
        && (jieba_place || !lex.size_stem_starts.contains(&first))
}

/// Start of the name part before a bare place suffix: one name-like word
/// of up to three characters, or two one-character words (泥/汊/镇). A zone
/// also takes an adjective (伶俐工业园区).
fn place_name_part(rules: &Rules, before: &[Token<'_>], zone: bool) -> Option<usize> {
    let last = before.last()?;
    let n = last.word.chars().count();
    let tag_ok = PLACE_STEM_TAGS.contains(&last.tag) || (zone && matches!(last.tag, "a" | "j" | "n"));
    // A foreign name before the suffix may be longer (斯特拉斯堡/市).
    let spelt = is_spelt(rules, last.word);
    let longest = if spelt { 6 } else { 3 };
    if tag_ok && (1..=longest).contains(&n) && (n > 1 || zone) {
        return Some(last.start);
    }
    let single = |t: &Token<'_>| t.word.chars().count() == 1 && matches!(t.tag, "n" | "ng" | "nr" | "x" | "ns");
    match before {
        [.., a, b] if single(a) && single(b) => Some(a.start),
        _ => None,
    }
}

/// 新一轮, 新一代, 第二批: a count of rounds or batches, which opens no
/// name (新一轮科技革命).
fn is_quantity(word: &str) -> bool {
    let mut chars = word.chars().rev();
    let classifier = chars.next().is_some_and(|c| "轮代批届期次".contains(c));
    classifier && chars.next().is_some_and(|c| NUMBER_CHARS.contains(c))
}

/// Industries built from words around them, by the roles in
/// industry_affixes.txt:
/// - a noun phrase and a head: 高技术 + 制造业, 智能车载设备 + 制造行业 (行业
///   is left out of the name, as in 汽车行业 → the listed 汽车);
/// - a modifier and a listed industry: 智慧 + 物流, 绿色 + 能源产业.
fn industry_compounds(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let affixes = &rules.lexicons.industry_affixes;
    let role = |w: &str| affixes.get(w).map(String::as_str);
    for (i, tok) in s.tokens.iter().enumerate() {
        match role(tok.word) {
            Some("head") => {
                // 制造 + 行业: the verb belongs to the name.
                let (head_start, before) = match i.checked_sub(1).map(|j| &s.tokens[j]) {
                    Some(p) if p.word == "制造" && tok.word == "行业" => (p.start, &s.tokens[..i - 1]),
                    _ => (tok.start, &s.tokens[..i]),
                };
                let Some(start) = industry_name_part(rules, before) else { continue };
                let stem = &s.text[start..head_start];
                // 产业 and 行业 follow a listed industry (集成电路产业, 汽车行业);
                // 优化产业, 低端产业 are no industries. A manufacturing or
                // service head also takes a new noun phrase.
                let open_head = matches!(tok.word, "制造业" | "服务业") || head_start < tok.start;
                if !open_head && listed_industry(rules, stem).is_none() {
                    continue;
                }
                let whole = &s.text[start..tok.end];
                let name = if tok.word == "行业" { &s.text[start..tok.start] } else { whole };
                if !rules.lexicons.not_industry.contains(whole) && !rules.lexicons.not_industry.contains(stem) {
                    let mut m = mention(s, start, tok.end, rule);
                    m.canonical = Some(listed_industry(rules, stem).unwrap_or(name).to_string());
                    out.push(m);
                }
            }
            Some("modifier") => {
                let Some((at, end, entry)) = rules.gazetteer.find_iter(&s.text[tok.end..]).next() else { continue };
                let end = tok.end + end;
                if entry.ty == EntityType::Industry && at == 0 && s.bounds.contains(end) {
                    let mut m = mention(s, tok.start, end, rule);
                    m.canonical = Some(s.text[tok.start..end].to_string());
                    out.push(m);
                }
            }
            _ => {}
        }
    }
}

/// The canonical name of a listed industry written `word`.
fn listed_industry<'r>(rules: &'r Rules, word: &str) -> Option<&'r str> {
    rules.gazetteer.canonical(EntityType::Industry, word)
}

/// Tags of words an industry's name is made of (nouns, verbal nouns,
/// distinguishing words, foreign words: 5G, 人工智能, 高端).
const INDUSTRY_TAGS: [&str; 9] = ["n", "vn", "nz", "b", "eng", "x", "j", "an", "l"];

/// Start of the noun phrase before an industry head: nouns back to the
/// first other word, at most eight characters, holding a noun (高技术, not
/// 相关). A head or a listed place ends it (广东汽车产业: the industry is
/// 汽车产业).
fn industry_name_part(rules: &Rules, before: &[Token<'_>]) -> Option<usize> {
    let mut start = None;
    let mut chars = 0;
    for tok in before.iter().rev() {
        let n = tok.word.chars().count();
        let word_chars = tok.word.chars().all(char::is_alphanumeric);
        let head = rules.lexicons.industry_affixes.get(tok.word).is_some_and(|r| r == "head");
        let place = rules.gazetteer.canonical(EntityType::Place, tok.word).is_some();
        if !word_chars || head || place || !INDUSTRY_TAGS.contains(&tok.tag) || chars + n > 8 {
            break;
        }
        chars += n;
        start = Some(tok.start);
        // A modifier opens the name (扶持绿色制造业: 绿色制造业).
        if rules.lexicons.industry_affixes.get(tok.word).is_some_and(|r| r == "modifier") {
            break;
        }
    }
    start.filter(|_| chars >= 2)
}

/// Items of a 、-list of industries: when one item is a listed industry and
/// the list ends in a field word or a head (人工智能、量子通信、基因工程等新兴领域),
/// every item is an industry. Items written `place的X` (青海的风光、安徽的汽车)
/// are X; such a list needs no field word, only three items or more.
fn industry_list(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for list in list_items(rules, s) {
        let items: Vec<(usize, usize)> =
            list.items.iter().map(|&(st, en)| strip_place_owner(rules, s, st, en)).collect();
        let owned = list.items.iter().zip(&items).filter(|(a, b)| a != b).count();
        let listed = items.iter().filter(|&&(st, en)| listed_industry(rules, &s.text[st..en]).is_some()).count();
        let closed = list.field || (owned == items.len() && items.len() >= 3);
        if !closed || listed == 0 {
            continue;
        }
        for &(st, en) in &items {
            let text = &s.text[st..en];
            let n = text.chars().count();
            if (2..=8).contains(&n) && !text.contains('的') && !rules.lexicons.not_industry.contains(text) {
                out.push(mention(s, st, en, rule));
            }
        }
    }
}

/// A 、-list in a sentence: its items as byte ranges, and whether a field
/// word or an industry head follows it.
struct ItemList {
    items: Vec<(usize, usize)>,
    field: bool,
}

/// Finds 、-lists: runs of items of industry words (and `place的` owners)
/// separated by 、, the last one followed by 等 or a field word.
fn list_items(rules: &Rules, s: &Sentence<'_>) -> Vec<ItemList> {
    let toks = &s.tokens;
    let item_word = |t: &Token<'_>| {
        t.word.chars().all(char::is_alphanumeric)
            && (INDUSTRY_TAGS.contains(&t.tag) || matches!(t.tag, "ns" | "uj" | "a"))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].word != "、" {
            i += 1;
            continue;
        }
        // The first item: words back from the first 、.
        let mut first = i;
        while first > 0 && item_word(&toks[first - 1]) && !is_field(rules, &toks[first - 1]) {
            first -= 1;
        }
        let mut items = vec![(first, i)];
        let mut j = i + 1;
        loop {
            let st = j;
            while j < toks.len() && item_word(&toks[j]) && toks[j].word != "等" && !is_field(rules, &toks[j]) {
                j += 1;
            }
            items.push((st, j));
            if j < toks.len() && toks[j].word == "、" {
                j += 1;
            } else {
                break;
            }
        }
        // 等, then up to two words that qualify the field (等新技术领域).
        let mut k = j;
        if k < toks.len() && toks[k].word == "等" {
            k += 1;
        }
        let field = toks[k.min(toks.len())..]
            .iter()
            .take(3)
            .take_while(|t| matches!(t.tag, "a" | "n" | "b" | "vn") || is_field(rules, t))
            .any(|t| is_field(rules, t));
        let ranges =
            items.iter().filter(|(a, b)| a < b).map(|&(a, b)| (toks[a].start, toks[b - 1].end)).collect::<Vec<_>>();
        if ranges.len() == items.len() {
            out.push(ItemList { items: ranges, field });
        }
        i = j.max(i + 1);
    }
    out
}

/// A word that says what a list's items are: a field word (领域, 赛道) or
/// an industry head (产业).
fn is_field(rules: &Rules, tok: &Token<'_>) -> bool {
    rules.lexicons.industry_affixes.get(tok.word).is_some_and(|role| role == "field" || role == "head")
}

/// `place的X` → X; anything else unchanged.
fn strip_place_owner(rules: &Rules, s: &Sentence<'_>, start: usize, end: usize) -> (usize, usize) {
    let text = &s.text[start..end];
    match text.split_once('的') {
        Some((owner, rest)) if !rest.is_empty() && rules.gazetteer.canonical(EntityType::Place, owner).is_some() => {
            (end - rest.len(), end)
        }
        _ => (start, end),
    }
}

/// Bytes of a sub-unit's own name (影视部, 宣教科, 北京市分会): a few words.
const MAX_SUB_UNIT: usize = 8 * 3;

/// The body in a title glued to it: 司法部长 → 司法部, 铁道会长 → 铁道会.
/// Only a title of the head of a body (…长) whose rest ends with a
/// one-character suffix (部, 局, 会…) counts; 部长 alone stands for a bare
/// 部 after the body's name (芬兰/农林/部长).
fn head_title_stem<'a>(rules: &Rules, tok: &Token<'a>) -> Option<&'a str> {
    let stem = tok.word.strip_suffix('长')?;
    let suffix = rules.lexicons.org_suffixes.longest_in(stem)?;
    let head_title = format!("{}长", suffix);
    // 各取所长 is an idiom, not the head of a 所.
    let generic = stem.starts_with(|c| rules.lexicons.generic_stem_starts.contains(&c));
    let fits = suffix.chars().count() == 1 && !generic;
    (fits && rules.lexicons.is_title(&head_title)).then_some(stem)
}

/// The name part opens with its first proper word: words before it are the
/// sentence's (本报讯江南远山企业集团, 战胜某国队, 由原国家林业局). A name part
/// without one stays whole; whether it names a body is decided after.
fn first_proper(rules: &Rules, before: &[Token<'_>], start: usize) -> usize {
    let opens = |t: &Token<'_>| is_proper(rules, t) && !rules.lexicons.dateline_words.contains(t.word);
    (start..before.len()).find(|&j| opens(&before[j])).unwrap_or(start)
}

fn is_listed_place(rules: &Rules, word: &str) -> bool {
    rules.gazetteer.canonical(EntityType::Place, word).is_some()
}

/// Index of the first token of the name part: walks left over words that
/// can be part of a name, stopping at a bare suffix word (民营银行微众银行:
/// the name starts after the first 银行).
fn name_part_start(rules: &Rules, rule: &EntityRule, before: &[Token<'_>]) -> usize {
    let mut start = before.len();
    let mut chars = 0;
    for (i, tok) in before.iter().enumerate().rev() {
        let n = tok.word.chars().count();
        let bare_suffix = rules.lexicons.org_suffixes.get(tok.word).is_some_and(|kind| kind != "brand");
        // A word right after a number belongs to it (新华社北京24日电: 日电 is
        // the dateline, not the start of a name).
        let after_number = i > 0 && before[i - 1].word.chars().last().is_some_and(|c| c.is_ascii_digit());
        // A word jieba takes for a person's name (宝山) can stand inside an
        // organization's name (某钢股份江湾基地), but not open it.
        let inner_name = tok.tag == "nr" && i > 0 && is_name_material(rules, &before[i - 1]);
        let material = is_name_material(rules, tok) || inner_name;
        if bare_suffix || after_number || !material || chars + n > rule.max_prefix {
            break;
        }
        chars += n;
        start = i;
    }
    start
}

const NAME_TAGS: [&str; 12] = ["n", "ns", "nt", "nz", "vn", "j", "eng", "b", "an", "ng", "nrt", "x"];

/// Tags of words that name something rather than describe it.
const PROPER_TAGS: [&str; 7] = ["ns", "nt", "nz", "j", "eng", "nrt", "x"];

fn is_name_material(rules: &Rules, tok: &Token<'_>) -> bool {
    let word_chars = tok.word.chars().all(|c| c.is_alphanumeric());
    let tagged = NAME_TAGS.contains(&tok.tag) || is_listed_name(rules, tok.word);
    word_chars && tagged && !rules.lexicons.is_title(tok.word)
}

fn is_proper(rules: &Rules, tok: &Token<'_>) -> bool {
    PROPER_TAGS.contains(&tok.tag) || is_listed_name(rules, tok.word)
}

/// A word that can name a company: one jieba does not know, a foreign word,
/// an abbreviation, or 中国/中华 (中国石化).
fn is_brand(tok: &Token<'_>) -> bool {
    matches!(tok.tag, "nz" | "x" | "eng" | "nt" | "j" | "nrt") || matches!(tok.word, "中国" | "中华")
}

/// A place or organization from the gazetteer, whatever tag jieba gives it
/// (jieba's own dictionary calls 前海 a locality word).
fn is_listed_name(rules: &Rules, word: &str) -> bool {
    [EntityType::Place, EntityType::Organization].into_iter().any(|ty| rules.gazetteer.canonical(ty, word).is_some())
}

/// Regex rules: the group `name` is the entity; the rest is context.
fn pattern(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let re = rule.pattern.as_ref().expect("compiled pattern rules have a regex");
    let mut at = 0;
    while at < s.text.len() {
        let Some(caps) = re.captures_at(s.text, at) else { break };
        let whole = caps.get(0).expect("group 0");
        let name = caps.name("name").expect("checked at compile time");
        if let Some((start, end)) = accept_name(rules, rule, s, name.range(), whole.end()) {
            out.push(mention(s, start, end, rule));
            at = whole.end().max(at + 1);
        } else {
            // Try again one character later: a surname character inside a
            // word (对于) must not hide the real name after it.
            at = next_char(s.text, whole.start());
        }
    }
}

/// The span a pattern's `name` group really covers, if it is a name;
/// `context_end` is where the whole match ends.
fn accept_name(
    rules: &Rules,
    rule: &EntityRule,
    s: &Sentence<'_>,
    name: std::ops::Range<usize>,
    context_end: usize,
) -> Option<(usize, usize)> {
    let (start, end) = (name.start, name.end);
    if rule.ty == EntityType::Organization {
        // 一间办公室, 这家工厂: a count or a determiner, not a name; but a
        // congress is named by its number alone (十五大).
        let name = &s.text[start..end];
        let first = name.chars().next()?;
        let numbered = name.chars().count() >= 3 && name.chars().rev().skip(1).all(|c| NUMBER_CHARS.contains(c));
        return (numbered || !rules.lexicons.generic_stem_starts.contains(&first)).then_some((start, end));
    }
    if rule.ty != EntityType::Person {
        return Some((start, end));
    }
    if s.text[start..end].chars().count() == 1 {
        // 廉政/委员会: the address or title after the surname must not run
        // from one word into the middle of the next (李老师/nr, 吴/老师 stay).
        let crosses =
            !s.bounds.contains(context_end) && s.tokens.iter().any(|t| end < t.start && t.start < context_end);
        return single_surname(rules, s, start, end).filter(|_| !crosses);
    }
    match s.text[start..end].find('·') {
        // The regex cannot see where a dotted name's first part begins
        // (会见了玛丽亚·…).
        Some(dot) => {
            let first = dotted_name_start(rules, s, start + dot)?;
            let last_dot = start + s.text[start..end].rfind('·')?;
            let last = dotted_name_end(rules, s, last_dot + '·'.len_utf8())?;
            // 某·某某镇: a place spelt by sound, named like a person; 某·某某大学,
            // 某·某某公司: the body named after one.
            let body = s.tokens.iter().any(|t| {
                t.start == last
                    && rules.lexicons.org_suffixes.longest_in(t.word).is_some_and(|x| x.chars().count() >= 2)
            });
            (!ends_as_division(rules, &s.text[first..last]) && !body).then_some((first, last))
        }
        None => person_span(rules, s, start, end, context_end).map(|e| (start, e)),
    }
}

/// Where the first part of a dotted name begins, walking back from the dot
/// over the words jieba takes for names and over words spelt only in
/// transliteration characters, which jieba cuts off such a name whatever it
/// tags them (安娜/nr 特/d·, an initial 乔/zg·); a title, a
/// particle or a common word before it ends the walk.
fn dotted_name_start(rules: &Rules, s: &Sentence<'_>, dot: usize) -> Option<usize> {
    let mut start = dot;
    for tok in s.tokens.iter().rev().filter(|t| t.end <= dot) {
        let spelt = is_spelt(rules, tok.word) && !matches!(tok.tag, "p" | "c" | "u" | "uj" | "ul" | "m");
        let namelike = matches!(tok.tag, "nr" | "nrt" | "nrfg") || spelt;
        let chars = s.text[tok.start..dot].chars().count();
        if tok.end != start || !namelike || chars > MAX_DOTTED_PART_CHARS || role_word(rules, tok.word) {
            break;
        }
        start = tok.start;
    }
    (start < dot).then_some(start)
}

/// A word that names a role or a people, not a part of a name, however
/// jieba tags it: a title or one opening or ending with a title of two
/// characters or more (司令官), or a listed place's people (某国人); a word
/// spelt only by sound stays a name even if a place opens it.
fn role_word(rules: &Rules, word: &str) -> bool {
    let lex = &rules.lexicons;
    let titled = lex.starts_with_title(word, 2) || lex.ends_with_title(word, 2);
    lex.is_title(word) || titled || (opens_with_place(rules, word) && !is_spelt(rules, word))
}

/// Longest first part of a dotted name (马格坦戈尔·…).
const MAX_DOTTED_PART_CHARS: usize = 6;

/// Where the last part of a dotted name ends: the regex cannot see it
/// either (胡安·佩雷斯在会议上指出). It runs over the words jieba takes for
/// names or places and over words spelt only in transliteration characters
/// (阿马/特, 万多/m 尔), and loses a particle or an adverb jieba glued to
/// it (雷斯及, 科均).
fn dotted_name_end(rules: &Rules, s: &Sentence<'_>, from: usize) -> Option<usize> {
    let mut end = from;
    for tok in s.tokens.iter().filter(|t| t.start >= from) {
        let spelt = is_spelt(rules, tok.word) && !matches!(tok.tag, "p" | "c" | "u" | "uj" | "ul");
        let namelike = matches!(tok.tag, "nr" | "nrt" | "nrfg" | "ns" | "nz") || spelt;
        if tok.start != end || !namelike {
            break;
        }
        end = tok.end;
        if tok.word.ends_with(|c| rules.lexicons.not_in_names.contains(&c)) {
            break;
        }
    }
    let lex = &rules.lexicons;
    let trimmed =
        s.text[from..end].trim_end_matches(|c| lex.not_in_names.contains(&c) || lex.not_name_end.contains(&c));
    (!trimmed.is_empty()).then_some(from + trimmed.len())
}

/// A person named by the surname alone (郑某, 胡老, 李老师, 刘家): only where
/// jieba, too, reads a name starting there (郑某/nr, or 李/nr alone), so the
/// surname character of a common word (国家, 全家) is not taken.
fn single_surname(rules: &Rules, s: &Sentence<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let tok = s.tokens.iter().find(|t| t.start == start)?;
    // 李先生/nr is in not_person.txt as a whole (no full name), but its
    // surname is the name; 古老 stays a common word.
    let addressed = tok.word.get(end - start..).is_some_and(|rest| {
        let address = rules.lexicons.forms_of_address.iter().any(|f| f == rest) || rules.lexicons.is_title(rest);
        address && rest.chars().count() >= 2
    });
    let named = matches!(tok.tag, "nr" | "nrfg") && (addressed || !rules.lexicons.not_person.contains(tok.word));
    (rules.lexicons.surnames.contains(&s.text[start..end]) && named).then_some((start, end))
}

fn next_char(text: &str, at: usize) -> usize {
    at + text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Checks a person-name candidate and settles its length: it must start a
/// word, and a three-character reading that ends inside a word yields to the
/// two-character one (刘晓燕同台: 刘晓燕, but 张三说明: 张三).
fn person_span(rules: &Rules, s: &Sentence<'_>, start: usize, end: usize, context_end: usize) -> Option<usize> {
    // A name does not open with a function word (向社会主义, 那些搞理论).
    let first = s.tokens.iter().find(|t| t.start == start)?;
    if matches!(first.tag, "p" | "r" | "c" | "u" | "uj" | "ul") {
        return None;
    }
    // Nor with a word of two characters, a verb, an adverb, a noun, an
    // adjective, a locative, a number or a time, that the name, its end
    // settled, would run past (申请/到, 程度/上, 任期/中; 应/如此 is 应/v alone
    // and stays): jieba seldom glues a surname to the given name's first
    // character as such a word.
    let end = settle_end(rules, s, first, start, end);
    let word_run_past = first.end < end && first.word.chars().count() >= 2;
    if word_run_past && matches!(first.tag, "v" | "vn" | "d" | "ad" | "n" | "a" | "f" | "m" | "t") {
        return None;
    }
    // A name still ending inside a word that is none (权益保/护法, 山水/画家,
    // 平均年/龄) is a piece of that word; but a word that is the name and the
    // pattern's context (邓小平理论) is the pattern's, and a function
    // character may be glued to the name's end (林少/农等).
    let inside_word = s.tokens.iter().any(|t| {
        t.start < end
            && end < t.end
            && t.end != context_end
            && !PERSON_TAGS.contains(&t.tag)
            && !(FUNCTION_TAGS.contains(&t.tag) && function_chars(rules, &s.text[end..t.end]))
    });
    // A common word of two characters (程度, 全体) is no name however it is
    // placed; a three-character word jieba knows may be a famous name it
    // tags otherwise (周恩来/t, 金正日/nz), which the pattern's context names.
    // A word its dictionary does not list carries the HMM's guess of a noun's
    // tag (某某/n, 某某/f), which the pattern's context overrides; a verb it
    // guessed (管起/v) stays a verb.
    let known_word = s.tokens.iter().any(|t| {
        let guessed_noun = !t.known && matches!(t.tag, "n" | "nz" | "ns" | "f" | "a" | "j" | "t");
        t.start == start && t.end == end && !guessed_noun && !PERSON_TAGS.contains(&t.tag) && !famous_name_tag(rules, t)
    });
    let titled = title_after_surname(rules, &s.text[start..], end - start);
    // 韩国籍/教练, 马里前/总统: a listed place opens the words before a title.
    let placed = opens_with_place(rules, &s.text[start..end]);
    let name = &s.text[start..end];
    let ok = !inside_word
        && !known_word
        && !titled
        && !placed
        && !weak_surname_word(rules, s, first, end)
        && !ends_as_division(rules, name)
        && plausible_person(rules, name);
    ok.then_some(end)
}

/// Where a pattern's name really ends. A three-character reading yields to
/// the two-character one when it ends inside a word (刘晓燕同台 stays, 张三说明
/// is 张三), unless jieba glued a function character to the last one
/// (林少/农等); when its last character is a function character (刘华说); and
/// when it runs past a two-character name onto a function word of its own
/// (王芬/nr 还/d 表示).
fn settle_end(rules: &Rules, s: &Sentence<'_>, first: &Token<'_>, start: usize, end: usize) -> usize {
    let Some(last) = s.text[..end].chars().next_back() else { return end };
    let shorter = end - last.len_utf8();
    if s.text[start..shorter].chars().count() < 2 {
        return end;
    }
    if !s.bounds.contains(end) {
        let glued = s.tokens.iter().any(|t| {
            t.start == shorter
                && t.end > end
                && FUNCTION_TAGS.contains(&t.tag)
                && function_chars(rules, &s.text[end..t.end])
        });
        return if !glued && s.bounds.contains(shorter) { shorter } else { end };
    }
    let function_word = s.tokens.iter().any(|t| t.start == shorter && t.end == end && FUNCTION_TAGS.contains(&t.tag));
    let after_name = first.end == shorter && matches!(first.tag, "nr" | "nrfg");
    if rules.lexicons.not_in_names.contains(&last) || (function_word && after_name) {
        shorter
    } else {
        end
    }
}

/// Tags of function words: a name's last character jieba glued to one
/// (农等/u) still ends the name.
const FUNCTION_TAGS: [&str; 7] = ["p", "c", "u", "uj", "ul", "d", "r"];

/// Whether `text` is made of function characters only (等, 说的).
fn function_chars(rules: &Rules, text: &str) -> bool {
    text.chars().all(|c| rules.lexicons.not_in_names.contains(&c))
}

/// 时/n 表示/v, 应/v 如此/c: a weak surname character (weak_surname_chars.txt)
/// standing as a word of its own opens a name only if jieba reads the rest
/// as a name, too.
fn weak_surname_word(rules: &Rules, s: &Sentence<'_>, first: &Token<'_>, end: usize) -> bool {
    let rest_named = s.tokens.iter().any(|t| t.start == first.end && t.end <= end && PERSON_TAGS[..3].contains(&t.tag));
    first.end < end && weak_surname(rules, first.word) && !rest_named
}

/// Whether a title starts right after the first character of `text` and
/// covers the rest of the name's `len` bytes (唐外长说, 常副局长): the
/// person is named by the surname alone, the rest is the title.
fn title_after_surname(rules: &Rules, text: &str, len: usize) -> bool {
    let Some(first) = text.chars().next() else { return false };
    let rest = &text[first.len_utf8()..];
    rest.char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .take(MAX_TITLE_CHARS)
        .any(|e| first.len_utf8() + e >= len && rules.lexicons.is_title(&rest[..e]))
}

/// Longest title looked for after a surname (党委副书记).
const MAX_TITLE_CHARS: usize = 6;

/// A word of three or four characters, opening with a surname, that jieba
/// tags as a time or a proper noun (周恩来/t, 金正日/nz): its dictionary's
/// tags for some famous names.
fn famous_name_tag(rules: &Rules, t: &Token<'_>) -> bool {
    matches!(t.tag, "t" | "nz") && (3..=4).contains(&t.word.chars().count()) && starts_with_surname(rules, t.word)
}

/// jieba's tags for person names, and `x` for words it does not know.
const PERSON_TAGS: [&str; 4] = ["nr", "nrfg", "nrt", "x"];

pub(crate) fn plausible_person(rules: &Rules, name: &str) -> bool {
    plausible_shape(rules, name) && !name.chars().skip(1).any(|c| rules.lexicons.not_in_names.contains(&c))
}

/// A three-character word jieba itself tags as a name (赵和生/nr, 李为民/nr)
/// may hold a function character in the middle of the given name: jieba
/// did not cut there. The last character still may not be one (张三说).
fn plausible_tagged_person(rules: &Rules, tok: &Token<'_>) -> bool {
    let middle_ok = tok.tag == "nr"
        && tok.word.chars().count() == 3
        && tok.word.chars().next_back().is_some_and(|c| !rules.lexicons.not_in_names.contains(&c));
    if middle_ok {
        plausible_shape(rules, tok.word)
    } else {
        plausible_person(rules, tok.word)
    }
}

/// A word of three characters or more, not spelt by sound, that ends in a
/// character ending many common nouns and hardly any name (noun_head_chars.txt:
/// 某普车, 某诗性): jieba's name for a compound noun.
fn compound_noun(rules: &Rules, word: &str) -> bool {
    let head = word.chars().next_back().is_some_and(|c| rules.lexicons.noun_heads.contains(&c));
    head && word.chars().count() >= 3 && !is_spelt(rules, word)
}

/// The checks of a person's name but for function characters inside it.
fn plausible_shape(rules: &Rules, name: &str) -> bool {
    let n = name.chars().count();
    (2..=4).contains(&n)
        && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !rules.lexicons.forms_of_address.iter().any(|f| name.ends_with(f.as_str()))
        && !rules.lexicons.not_person.contains(name)
        && !rules.lexicons.is_title(name)
        && !rules.lexicons.org_suffixes.contains_key(name)
        && !rules.lexicons.nations.contains(name)
        && rules.gazetteer.canonical(EntityType::Place, name).is_none()
}

/// jieba's own part-of-speech guess, checked by the type's shape.
fn tagger(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let tags: Vec<&str> = rule.tag.as_deref().expect("tagger rules have a tag").split('|').collect();
    for (i, tok) in s.tokens.iter().enumerate().filter(|(_, t)| tags.contains(&t.tag)) {
        // 尤伯杯/nr names a thing (named_things proposes its person); a piece
        // of a dotted foreign name is the dotted rule's to read (it may name
        // a body); a Chinese name after a dot stays (某某·张某某专辑).
        let foreign_piece = beside_dot(s, i) && (is_spelt(rules, tok.word) || !starts_with_surname(rules, tok.word));
        if rule.ty == EntityType::Person && (named_thing_stem(rules, tok.word).is_some() || foreign_piece) {
            continue;
        }
        // A word jieba's dictionary makes a common word as often as a name
        // (dictionary_names.txt) is kept only with a person's context beside
        // it, which makes it as sure as a title rule: it names the person
        // wherever it recurs in the document.
        let contextual = rule.ty == EntityType::Person
            && rules.lexicons.dictionary_names.contains(tok.word)
            && person_context(rules, &s.tokens, i);
        let ok = match rule.ty {
            // A two-character name from jieba's dictionary is mostly a common
            // word (荣幸, 滑雪): it needs a title, a speech verb or a list of
            // names beside it.
            EntityType::Person if rules.lexicons.dictionary_names.contains(tok.word) => {
                plausible_foreign_name(rules, tok.word)
                    && (person_context(rules, &s.tokens, i) || spelt_foreign_name(rules, &s.tokens, i))
                    && !(is_spelt(rules, tok.word) && place_or_thing_context(rules, &s.tokens, i))
            }
            // nrt marks a transliterated foreign name (克林顿): no surname, longer.
            EntityType::Person if tok.tag == "nrt" => {
                plausible_foreign_name(rules, tok.word) && !place_or_thing_context(rules, &s.tokens, i)
            }
            // jieba's dictionary also tags foreign names nr (克林顿, 科瓦连科):
            // without a surname, three characters read as one (four are
            // mostly idioms the HMM guessed: 保驾护航, 多云转晴).
            EntityType::Person if tok.tag == "nr" && !starts_with_surname(rules, tok.word) => {
                let n = tok.word.chars().count();
                let spelt = is_spelt(rules, tok.word);
                // Two characters spelt by sound need a person's context too.
                let context = || person_context(rules, &s.tokens, i);
                plausible_foreign_name(rules, tok.word)
                    && ((n == 2 && spelt && context()) || (n == 3 && (spelt || context())) || (n >= 4 && spelt))
                    && !place_or_thing_context(rules, &s.tokens, i)
            }
            // Four characters after a one-character surname are mostly an
            // idiom (任重道远), unless all of them spell a foreign name. A
            // word spelt by sound that opens with a surname character (抵达普鲁士)
            // is still a place or a thing where one stands.
            EntityType::Person => {
                plausible_tagged_person(rules, tok)
                    && starts_with_surname(rules, tok.word)
                    && !opens_with_place(rules, tok.word)
                    && !(is_spelt(rules, tok.word) && place_or_thing_context(rules, &s.tokens, i))
                    && !compound_noun(rules, tok.word)
                    && (tok.word.chars().count() < 4
                        || rules.lexicons.compound_surnames.iter().any(|c| tok.word.starts_with(c.as_str()))
                        || is_spelt(rules, tok.word))
            }
            // jieba's dictionary tags many common words ns (上市, 深度, 大城市,
            // 上半场); places it alone proposes are spelt in transliteration
            // characters (莫桑比克) or are chains of province abbreviations
            // (粤港澳).
            // X地区 is the place X where X is listed, a generic area otherwise.
            EntityType::Place => {
                !unlisted_place_person(rules, s, i)
                    && (tok.word.chars().count() >= 3 && is_spelt(rules, tok.word)
                        || tok.word.chars().count() >= 2
                            && tok.word.chars().all(|c| rules.lexicons.province_abbreviations.contains(&c)))
                    && !rules.lexicons.nations.contains(tok.word)
                    && !tok.word.ends_with(GENERIC_REGION_HEAD)
                    && !is_place_chain(rules, tok.word)
            }
            EntityType::Organization => {
                tok.word.chars().count() >= 2
                    && !rules.lexicons.not_organization.contains(tok.word)
                    && !rules.lexicons.not_org_heads.iter().any(|h| tok.word.ends_with(h.as_str()))
                    && !tok.word.chars().all(|c| rules.lexicons.country_abbreviations.contains(&c))
                    && orgs::shaped_like_body(rules, tok.word)
            }
            EntityType::Industry => !rules.lexicons.not_industry.contains(tok.word),
        };
        let not_person = rule.ty == EntityType::Person
            && (opens_body_name(rules, &s.tokens, i)
                || heads_compound_noun(&s.tokens, i)
                || counted_classifier(rules, &s.tokens, i)
                || ends_as_division(rules, tok.word)
                || foreign_modifier(rules, &s.tokens, i));
        if ok && !not_person {
            let mut m = mention(s, tok.start, tok.end, rule);
            if contextual {
                m.priority = m.priority.max(1);
            }
            out.push(m);
        }
    }
    if rule.ty == EntityType::Place {
        country_abbreviations(rules, rule, s, out);
        transliterated_places(rules, rule, s, out);
        places::abbreviation_compounds(rules, rule, s, out);
    }
    if rule.ty == EntityType::Person {
        transliterated_runs(rules, rule, s, out);
        split_names(rules, rule, s, out);
        glued_names(rules, rule, s, out);
        japanese_names(rules, rule, s, out);
        context_full_names(rules, rule, s, out);
        completed_names(rules, rule, s, out);
        places_in_person_context(rules, rule, s, out);
        named_things(rules, rule, s, out);
    }
}

/// Whether token `i` is written right beside a middle dot (某某·某某).
fn beside_dot(s: &Sentence<'_>, i: usize) -> bool {
    let dot = |j: Option<usize>| j.and_then(|j| s.tokens.get(j)).is_some_and(|t| t.word.starts_with('·'));
    dot(i.checked_sub(1)) || dot(Some(i + 1))
}

/// The persons things are named after (戴维斯杯/nz → 戴维斯), in the words
/// jieba tags as names or proper nouns.
fn named_things(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for tok in s.tokens.iter().filter(|t| matches!(t.tag, "nr" | "nrt" | "nrfg" | "nz")) {
        if let Some(stem) = named_thing_stem(rules, tok.word) {
            out.push(mention(s, tok.start, tok.start + stem.len(), rule));
        }
    }
}

/// A word jieba tags as a name that ends in a thing's head word
/// (place_context.txt, role `thing`): a thing named after a person whose
/// name is spelt by sound (a trophy, 戴维斯杯/nr → 戴维斯); the person is the
/// word less the head.
fn named_thing_stem<'a>(rules: &Rules, word: &'a str) -> Option<&'a str> {
    // The longest head that ends the word, whatever the map's order.
    let stem = rules
        .lexicons
        .place_context
        .iter()
        .filter(|(_, role)| role.as_str() == "thing")
        .filter_map(|(head, _)| word.strip_suffix(head.as_str()))
        .min_by_key(|stem| stem.len())?;
    (stem.chars().count() >= 2 && is_spelt(rules, stem)).then_some(stem)
}

/// Countries written by their one-character abbreviation where jieba, too,
/// reads an abbreviation: alone (俄/j), or two glued into one word (日美/j,
/// 中印/nt, 中美/ns), each character a place of its own.
fn country_abbreviations(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for tok in &s.tokens {
        let chars: Vec<char> = tok.word.chars().collect();
        let abbreviations = chars.iter().all(|c| rules.lexicons.country_abbreviations.contains(c));
        let alone = chars.len() == 1 && tok.tag == "j";
        let pair = chars.len() == 2 && chars[0] != chars[1] && matches!(tok.tag, "j" | "ns" | "nt" | "nz");
        if abbreviations && (alone || pair) {
            for (at, c) in tok.word.char_indices() {
                let start = tok.start + at;
                out.push(mention(s, start, start + c.len_utf8(), rule));
            }
        }
    }
}

/// A word jieba takes for a place but the lists do not hold, standing where
/// a person does (教练帕萨雷拉, 总统科瓦连科): a person, when it is
/// spelt in transliteration characters or opens with a surname.
fn places_in_person_context(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for (i, tok) in s.tokens.iter().enumerate() {
        if unlisted_place_person(rules, s, i) {
            out.push(mention(s, tok.start, tok.end, rule));
        }
    }
}

fn unlisted_place_person(rules: &Rules, s: &Sentence<'_>, i: usize) -> bool {
    let tok = &s.tokens[i];
    // Cheapest test first: this runs for every word of every sentence.
    if tok.tag != "ns" {
        return false;
    }
    let n = tok.word.chars().count();
    let shape = || is_spelt(rules, tok.word) || starts_with_surname(rules, tok.word);
    (2..=5).contains(&n)
        && shape()
        && !is_listed_place(rules, tok.word)
        && plausible_foreign_name(rules, tok.word)
        && person_context(rules, &s.tokens, i)
}

/// A three-character name jieba cut before its last character (张友/香,
/// 李培/之, and 高云/江说, 赵致/真的 where the character went into the next
/// word): a two-character name and one character that a name may end in,
/// standing alone or followed by a particle or a speech verb.
fn completed_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for pair in s.tokens.windows(2) {
        let [head, next] = pair else { continue };
        let named = head.tag == "nr" && head.word.chars().count() == 2 && starts_with_surname(rules, head.word);
        let mut chars = next.word.chars();
        let Some(last) = chars.next() else { continue };
        let rest = chars.as_str();
        let alone = rest.is_empty() && matches!(next.tag, "ns" | "nr" | "ng" | "uj" | "u" | "j" | "zg");
        let before_particle = matches!(rest, "的" | "了" | "说") && !rules.lexicons.is_speech_verb(next.word);
        let fits = ('\u{4e00}'..='\u{9fff}').contains(&last)
            && !rules.lexicons.not_in_names.contains(&last)
            && !rules.lexicons.not_name_end.contains(&last);
        let end = next.start + last.len_utf8();
        if named
            && next.start == head.end
            && fits
            && (alone || before_particle)
            && plausible_person(rules, &s.text[head.start..end])
        {
            out.push(mention(s, head.start, end, rule));
        }
    }
}

/// Full names jieba does not know and tags as common nouns (某某某/n,
/// 某某某/nz): three characters opening with a one-character surname, with a
/// title or a relation word right before them. Words after them do not
/// count: jieba's common nouns stand before titles too (某国代表).
fn context_full_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for (i, tok) in s.tokens.iter().enumerate() {
        let mut chars = tok.word.chars();
        let surname =
            chars.next().is_some_and(|c| rules.lexicons.surnames.contains(c.encode_utf8(&mut [0; 4]) as &str));
        if matches!(tok.tag, "n" | "nz")
            && tok.word.chars().count() == 3
            && surname
            && plausible_person(rules, tok.word)
            && person_context_before(rules, &s.tokens, i)
        {
            out.push(mention(s, tok.start, tok.end, rule));
        }
    }
}

/// A name jieba cut after the surname (蒋/天才, 朱/力行, 袁/步兵): a surname
/// character that jieba, alone, tags as a name, and the one- or two-character
/// word after it, read as the given name. jieba may have glued a function
/// word to the surname (对陶/nr 志强): the surname is then the word less it.
fn split_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for pair in s.tokens.windows(2) {
        let [surname, given] = pair else { continue };
        let word = surname.word.strip_prefix(|c| rules.lexicons.before_names.contains(&c)).unwrap_or(surname.word);
        let alone = surname.tag == "nr" && rules.lexicons.surnames.contains(word);
        let start = surname.end - word.len();
        let name = &s.text[start..given.end];
        if alone && given_name_word(rules, word, surname, given) && plausible_person(rules, name) {
            out.push(mention(s, start, given.end, rule));
        }
    }
}

/// Whether `given`, right after the word `surname` ending in the surname
/// character `surname_char`, reads as a given name: one or two characters of
/// a noun, an adjective, a name, no function character, no title; after a
/// weak surname (连, 从) only a word jieba tags as a name.
fn given_name_word(rules: &Rules, surname_char: &str, surname: &Token<'_>, given: &Token<'_>) -> bool {
    let n = given.word.chars().count();
    (1..=2).contains(&n)
        && given.start == surname.end
        && matches!(given.tag, "n" | "nr" | "nrt" | "nrfg" | "ng" | "a" | "nz" | "t" | "vn" | "j")
        && (given.tag == "nr" || !weak_surname(rules, surname_char))
        && name_chars(&rules.lexicons, given.word)
        && !rules.lexicons.is_title(given.word)
}

/// Names in a word jieba tagged as a name together with a function word it
/// glued on: before the name (但/某某, 胜/某某某: before_name_chars.txt, no
/// surname among them), or after it (某某/是, 某某/说: not_in_names_chars.txt).
/// The name is the word less the function character. (A surname left alone
/// takes the word after it: split_names.)
fn glued_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let lex = &rules.lexicons;
    for tok in s.tokens.iter().filter(|t| matches!(t.tag, "nr" | "nrfg")) {
        let n = tok.word.chars().count();
        if let Some(rest) = tok.word.strip_prefix(|c| lex.before_names.contains(&c)) {
            if (3..=4).contains(&n) && starts_with_surname(rules, rest) && plausible_person(rules, rest) {
                out.push(mention(s, tok.end - rest.len(), tok.end, rule));
            }
        }
        if let Some(rest) = tok.word.strip_suffix(|c| lex.not_in_names.contains(&c)) {
            if n == 3 && starts_with_surname(rules, rest) && plausible_person(rules, rest) {
                out.push(mention(s, tok.start, tok.start + rest.len(), rule));
            }
        }
    }
}

/// Japanese names (lexicons/japanese_surnames.txt), which jieba knows
/// little of: a word that is a listed family name and a given name of two or
/// three characters (某本龙太郎/n); a listed family name, as a word, with the
/// given name in the one or two words after it (某村/ns 正义/n) and a
/// person's context around them; or the family name alone between a title or
/// a speech verb (某本首相, 某本还表示), as the press names a Japanese person
/// once introduced.
fn japanese_names(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let toks = &s.tokens;
    for (i, tok) in toks.iter().enumerate() {
        let Some(family) = japanese_family_name(rules, tok.word) else { continue };
        if family.len() < tok.word.len() {
            let given = &tok.word[family.len()..];
            if given_name_chars(rules, given, 2..=3) && !opens_body_name(rules, toks, i) {
                out.push(mention(s, tok.start, tok.end, rule));
            }
            continue;
        }
        // The given name: the longest run of one or two words after the
        // family name that reads as one.
        let given_end = (i + 1..toks.len().min(i + 3)).rev().find(|&j| {
            let run = &toks[i + 1..=j];
            let adjacent = run.windows(2).all(|w| w[0].end == w[1].start) && run[0].start == tok.end;
            adjacent
                && run.iter().all(|t| given_name_word_part(t))
                && given_name_chars(rules, &s.text[tok.end..run[run.len() - 1].end], 2..=3)
        });
        let before = person_context_before(rules, toks, i);
        match given_end {
            Some(j) if before || person_after(rules, toks, j) => out.push(mention(s, tok.start, toks[j].end, rule)),
            _ if before || person_after(rules, toks, i) => out.push(mention(s, tok.start, tok.end, rule)),
            _ => {}
        }
    }
}

/// A word that may be (part of) a Japanese given name after the family
/// name: no function word, verb, number or punctuation, and a word of three
/// characters only if jieba reads it as a name (坦率地/n is "frankly").
fn given_name_word_part(t: &Token<'_>) -> bool {
    let ok_tag = !FUNCTION_TAGS.contains(&t.tag) && !matches!(t.tag, "v" | "m" | "x");
    ok_tag && (t.word.chars().count() <= 2 || PERSON_TAGS[..3].contains(&t.tag))
}

/// The listed Japanese family name that opens `word`, unless the word is a
/// listed place or organization (a family name may be a town's, too).
fn japanese_family_name<'w>(rules: &Rules, word: &'w str) -> Option<&'w str> {
    let family = word
        .char_indices()
        .skip(2)
        .map(|(at, _)| &word[..at])
        .chain([word])
        .filter(|w| w.chars().count() <= 3)
        .find(|w| rules.lexicons.japanese_surnames.contains(*w))?;
    (!is_listed_name(rules, family) && !is_listed_name(rules, word)).then_some(family)
}

/// Whether `given` reads as a given name of `chars` characters: Chinese
/// characters only, no function character, neither a title nor a word ending
/// as a body or a place does (某本大学, 某田地区).
fn given_name_chars(rules: &Rules, given: &str, chars: std::ops::RangeInclusive<usize>) -> bool {
    let lex = &rules.lexicons;
    chars.contains(&given.chars().count())
        && name_chars(lex, given)
        && !lex.is_title(given)
        && !lex.starts_with_title(given, 2)
        && lex.org_suffixes.longest_in(given).is_none()
        && lex.place_suffixes.longest_in(given).is_none()
        && !lex.place_context.contains_key(given)
}

/// Whether `text` is written in Chinese characters only, none of them a
/// function character (的, 说): what a given name is made of.
fn name_chars(lex: &Lexicons, text: &str) -> bool {
    text.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) && !lex.not_in_names.contains(&c))
}

/// Whether the words after token `i` mark it as a person's: a title, an
/// honorific (一行, 等人) or a speech verb, also after a one-character adverb
/// (还表示).
fn person_after(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let marks = |t: &Token<'_>| marks_person(&rules.lexicons, t);
    let next = tokens.get(i + 1);
    let adverb = next.is_some_and(|t| t.tag == "d" && t.word.chars().count() == 1);
    next.is_some_and(marks) || (adverb && tokens.get(i + 2).is_some_and(marks))
}

/// Whether a word right after a name marks it as a person's: a title, an
/// honorific (同志, 一行) or a speech verb.
fn marks_person(lex: &Lexicons, t: &Token<'_>) -> bool {
    lex.is_title(t.word) || lex.honorifics.contains(t.word) || lex.is_speech_verb(t.word)
}

/// 连/nr 金融/n is "even finance": a surname character that is more often a
/// function word names nobody unless the word after it is a name, too.
fn weak_surname(rules: &Rules, word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(|c| rules.lexicons.weak_surnames.contains(&c)) && chars.next().is_none()
}

/// A foreign name jieba cut into pieces (拉特纳/亚克, 尤尔/科夫, 贾/亚拉/莉达):
/// a run of two or more adjacent words written only in transliteration
/// characters, one of them tagged as a name, is one name.
fn transliterated_runs(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    let piece =
        |t: &Token<'_>| is_spelt(rules, t.word) && !matches!(t.tag, "p" | "c" | "u" | "uj" | "ul" | "v" | "m" | "q");
    let mut i = 0;
    while i < s.tokens.len() {
        let mut j = i;
        while j < s.tokens.len() && piece(&s.tokens[j]) && (j == i || s.tokens[j].start == s.tokens[j - 1].end) {
            j += 1;
        }
        if j - i >= 2 {
            let run = &s.tokens[i..j];
            let (start, end) = (run[0].start, run[run.len() - 1].end);
            let n = s.text[start..end].chars().count();
            let named = run.iter().any(|t| matches!(t.tag, "nr" | "nrt" | "nrfg"));
            // Joined, the pieces may name a thing (拉尼/娜/现象); after a
            // listed place they still name a person (德国/科/尔).
            if named
                && (3..=8).contains(&n)
                && plausible_foreign_name(rules, &s.text[start..end])
                && !next_word_opens_with(rules, &s.tokens, j - 1, "thing")
            {
                out.push(mention(s, start, end, rule));
            }
        }
        i = j.max(i + 1);
    }
}

/// Whether the words around token `i` say it names a person: a title before
/// (德国总理科尔) or after (彭真同志), a speech verb after, or another name
/// in a 、-list.
fn person_context(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let lex = &rules.lexicons;
    let prev = i.checked_sub(1).map(|j| &tokens[j]);
    let next = tokens.get(i + 1);
    // A neighbour jieba tags as a name but knows as a common word too
    // (滑雪/nr, 阳光/nr) makes no list of names.
    let name_at = |j: Option<usize>| {
        j.and_then(|j| tokens.get(j)).is_some_and(|t| {
            PERSON_TAGS[..3].contains(&t.tag)
                && !lex.dictionary_names.contains(t.word)
                && !lex.not_person.contains(t.word)
        })
    };
    let titled_after = next.is_some_and(|t| marks_person(lex, t));
    let listed = (prev.is_some_and(|t| t.word == "、") && name_at(i.checked_sub(2)))
        || (next.is_some_and(|t| t.word == "、") && name_at(Some(i + 2)));
    person_context_before(rules, tokens, i) || titled_after || listed
}

/// Whether the word before token `i` names a person's role: a title
/// (德国总理科尔) or a kinship or relation word (其男友某某, 妻子某某).
fn person_context_before(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let lex = &rules.lexicons;
    i.checked_sub(1).map(|j| tokens[j].word).is_some_and(|word| lex.ends_with_title(word, 1) || related(lex, word))
}

/// A word jieba's dictionary tags as a transliterated name (nrt) and that
/// is spelt only in transliteration characters (琼斯/nrt, 杰克/nrt): seldom
/// a common word, unlike the dictionary's two-character nr entries; right
/// after a number it is a unit (3.5卢比).
fn spelt_foreign_name(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let tok = &tokens[i];
    // A number written with a decimal point (3.5) is one word to jieba.
    let counted = i.checked_sub(1).is_some_and(|j| {
        let number = tokens[j].word.chars().all(|c| c.is_numeric() || matches!(c, '.' | '．'));
        tokens[j].end == tok.start && number && tokens[j].word.chars().next_back().is_some_and(char::is_numeric)
    });
    // 多达/nrt 一个: a word before a number reads as a quantity's verb.
    let counting = tokens.get(i + 1).is_some_and(|t| t.tag == "m");
    tok.tag == "nrt" && is_spelt(rules, tok.word) && !counted && !counting
}

/// Whether `word` ends with a kinship or relation word (男友, 其妻子).
fn related(lex: &Lexicons, word: &str) -> bool {
    word.char_indices().any(|(i, _)| lex.person_relations.contains(&word[i..]))
}

/// Whether `word` ends with the ending of an administrative division
/// (某某镇, 某某县, 某州; lexicons/place_suffixes.txt, kind admin): jieba's
/// guess of a name for a word it does not know, which is a place. Endings
/// that also end many given names (given_name_division_end_chars.txt: 红旗,
/// 九州) leave a word of three characters or more a possible name.
fn ends_as_division(rules: &Rules, word: &str) -> bool {
    let lex = &rules.lexicons;
    let suffixes = &lex.place_suffixes;
    let given_name_end = word.chars().count() >= 3 && word.ends_with(|c| lex.given_name_division_ends.contains(&c));
    !given_name_end && suffixes.longest_in(word).is_some_and(|end| end.len() < word.len() && suffixes[end] == "admin")
}

/// 某某/nr 茶/n: a two-character word jieba takes for a name, glued to a
/// one-character noun it left alone, is that noun's modifier (a tea, a wind
/// named so), not a person.
fn heads_compound_noun(tokens: &[Token<'_>], i: usize) -> bool {
    let (Some(tok), Some(next)) = (tokens.get(i), tokens.get(i + 1)) else { return false };
    tok.word.chars().count() == 2 && next.start == tok.end && next.tag == "n" && next.word.chars().count() == 1
}

/// 那张某某, 一项某某: a surname character that is also a classifier (张,
/// 项; lexicons/classifier_surname_chars.txt), right after a determiner or a
/// number, counts things; it opens no name.
fn counted_classifier(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let (Some(tok), Some(prev)) = (tokens.get(i), i.checked_sub(1).and_then(|j| tokens.get(j))) else { return false };
    let counting = matches!(prev.tag, "r" | "m") && prev.end == tok.start;
    let classifier = tok.word.starts_with(|c| rules.lexicons.classifier_surnames.contains(&c));
    counting && classifier && starts_with_surname(rules, tok.word)
}

/// A word spelt by sound right before a noun (某某/n 特色, 某某 指数,
/// 某某 政府), with no person's context about it: it names the brand, the
/// place or the party the noun belongs to, not a person.
fn foreign_modifier(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let (Some(tok), Some(next)) = (tokens.get(i), tokens.get(i + 1)) else { return false };
    let noun = next.start == tok.end && matches!(next.tag, "n" | "nz" | "nt" | "ns");
    noun && is_spelt(rules, tok.word) && !person_context(rules, tokens, i) && !related(&rules.lexicons, next.word)
}

/// Whether token `i`, a word spelt by sound or one not opening with a
/// surname, is glued to an organization's ending of two characters or more
/// right after it (某某汽车公司, 某某体育俱乐部): the word names the body or
/// its brand, not a person. A Chinese full name of three characters keeps
/// its own (某某某办公室 is the person's office, 张某 华南某大学教授 a
/// profile), but two characters before a bare ending do not (某某委员会);
/// one-character endings (所, 会) are too often a word of their own to count.
fn opens_body_name(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let (Some(tok), Some(next)) = (tokens.get(i), tokens.get(i + 1)) else { return false };
    let chinese_name = starts_with_surname(rules, tok.word) && !is_spelt(rules, tok.word);
    let suffix = rules.lexicons.org_suffixes.longest_in(next.word).filter(|suffix| suffix.chars().count() >= 2);
    // 某某 委员会: a two-character word before a bare ending names the body.
    let bare_after_two = suffix == Some(next.word) && tok.word.chars().count() == 2;
    (!chinese_name || bare_after_two) && next.start == tok.end && suffix.is_some()
}

fn plausible_foreign_name(rules: &Rules, name: &str) -> bool {
    (2..=8).contains(&name.chars().count())
        // 奥兰/迪斯: inside a name spelt by sound, a place's sounds are no place.
        && (!opens_with_place(rules, name) || is_spelt(rules, name))
        && !rules.lexicons.not_person.contains(name)
        && [EntityType::Place, EntityType::Organization, EntityType::Industry]
            .iter()
            .all(|&ty| rules.gazetteer.canonical(ty, name).is_none())
}

/// 荷兰人, 宜兴人: a listed place of two characters or more opens the word,
/// which names its people, not a person.
fn opens_with_place(rules: &Rules, name: &str) -> bool {
    rules.gazetteer.find_iter(name).next().is_some_and(|(start, end, entry)| {
        start == 0 && entry.ty == EntityType::Place && name[..end].chars().count() >= 2 && end < name.len()
    })
}

fn starts_with_surname(rules: &Rules, name: &str) -> bool {
    let mut chars = name.char_indices().map(|(i, c)| i + c.len_utf8());
    let one = chars.next().map(|e| &name[..e]);
    let two = chars.next().map(|e| &name[..e]);
    one.is_some_and(|s| rules.lexicons.surnames.contains(s))
        || two.is_some_and(|s| rules.lexicons.compound_surnames.contains(s))
}

/// Keeps the longest candidates that do not overlap, then the candidates
/// that start a kept organization (江门市 in 江门市滨江管理局, 中国科学院 in
/// 中国科学院高能物理研究所) as nested mentions.
fn select(mut candidates: Vec<EntityMention>) -> Vec<EntityMention> {
    candidates.sort_by(|a, b| {
        b.len().cmp(&a.len()).then(b.priority.cmp(&a.priority)).then(a.start.cmp(&b.start)).then(a.rule.cmp(&b.rule))
    });
    let mut kept: Vec<EntityMention> = Vec::new();
    let mut rest = Vec::new();
    for c in candidates {
        if kept.iter().any(|k| k.overlaps(&c)) {
            rest.push(c);
        } else {
            kept.push(c);
        }
    }
    let mut nested: Vec<EntityMention> = Vec::new();
    for mut c in rest {
        let outer = kept.iter().find(|k| k.ty == EntityType::Organization && k.start == c.start && c.end < k.end);
        let fits = c.ty == EntityType::Organization || is_admin_place(&c);
        if outer.is_some() && fits && !nested.iter().any(|n| n.start == c.start && n.end == c.end) {
            c.nested = true;
            nested.push(c);
        }
    }
    kept.extend(nested);
    kept
}

/// A place written in full from the administrative division list (深圳市,
/// not 深圳 or 中国): only such a place, opening an organization's name, is
/// an entity of its own (江门市滨江管理局 → 江门市).
fn is_admin_place(m: &EntityMention) -> bool {
    // The listed canonical name is the full form, so equal length means the
    // text wrote it in full.
    m.ty == EntityType::Place
        && m.rule.file() == "places/china.tsv"
        && m.canonical.as_ref().is_some_and(|c| c.len() == m.len())
}

/// Document-level consistency: a person named once by a confident rule is
/// the same person wherever the name recurs in the document.
fn propagate(rules: &Rules, text: &str, sentences: &[Sentence<'_>], mentions: &mut Vec<EntityMention>) {
    let Some(rule) = rules.entity_rules.iter().find(|r| r.kind == EntityRuleKind::Document) else { return };
    let names: BTreeSet<&str> = mentions
        .iter()
        .filter(|m| m.ty == rule.ty && !m.nested && m.priority > 0)
        .map(|m| &text[m.start..m.end])
        .collect();
    if names.is_empty() {
        return;
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
        .expect("a few names fit in an automaton");
    // Sorted by start, a mention's end can be checked against the taken
    // spans by binary search (the taken spans do not overlap each other).
    let mut taken: Vec<(usize, usize)> = mentions.iter().filter(|m| !m.nested).map(|m| (m.start, m.end)).collect();
    taken.sort_unstable();
    let overlaps_taken = |start: usize, end: usize| {
        let i = taken.partition_point(|&(s, _)| s < end);
        i > 0 && taken[i - 1].1 > start
    };
    let mut found = Vec::new();
    for s in sentences {
        for m in ac.find_iter(s.text) {
            let (start, end) = (s.offset + m.start(), s.offset + m.end());
            let taken = overlaps_taken(start, end);
            if !taken && s.bounds.contains(m.start()) {
                found.push(mention(s, m.start(), m.end(), rule));
            }
        }
    }
    mentions.extend(found);
}

/// Relations that come from how a name is built: rules of `scope = "name"`
/// match against an outer mention whose nested mentions stand as
/// placeholders (江门市滨江管理局 → "\u{E003}滨江管理局").
pub fn nested_relations(rules: &Rules, mentions: &[EntityMention], text: &str) -> Vec<RelationMention> {
    let mut out = Vec::new();
    for (oi, outer) in mentions.iter().enumerate().filter(|(_, m)| !m.nested) {
        let inner: Vec<usize> = super::view::mentions_within(mentions, outer.start..outer.end)
            .filter(|(_, m)| m.nested && m.end <= outer.end)
            .map(|(i, _)| i)
            .collect();
        if inner.is_empty() {
            continue;
        }
        let view = super::view::View::of_name(outer, &inner, mentions, text);
        for rule in rules.relation_rules.iter().filter(|r| r.name_scope) {
            for caps in rule.pattern.regex.captures_iter(&view.text) {
                let Some(obj) = caps.name("object").and_then(|g| view.mention_at(g.start(), g.end())) else { continue };
                out.push(RelationMention {
                    kind: rule.kind,
                    subject: oi,
                    object: obj,
                    role: None,
                    start: outer.start,
                    end: outer.end,
                    sentence: outer.sentence,
                    rule: rule.pattern.rule.clone(),
                });
            }
        }
    }
    out
}

/// A word standing where a place stands (`place_context.txt`): after a
/// locative or a listed place (德国慕尼黑: a city after its country), or
/// before a place's head word.
fn place_context(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| tokens[j].word);
    before.is_some_and(|w| {
        rules.lexicons.place_context.get(w).is_some_and(|role| role == "before") || is_listed_place(rules, w)
    }) || next_word_opens_with(rules, tokens, i, "after")
}

/// A word spelt only in transliteration characters (伯尔尼, 琼斯).
fn is_spelt(rules: &Rules, word: &str) -> bool {
    word.chars().all(|c| rules.lexicons.transliteration.contains(&c))
}

/// A transliterated word standing where a place or a thing stands, which
/// is no person's name however jieba tags it.
fn place_or_thing_context(rules: &Rules, tokens: &[Token<'_>], i: usize) -> bool {
    place_context(rules, tokens, i) || next_word_opens_with(rules, tokens, i, "thing")
}

/// Whether the word after token `i` starts with a `place_context.txt` head
/// of `role`: is the head (某某/报), or opens with it and is no verb (市政府,
/// but not 报道/v "to report").
fn next_word_opens_with(rules: &Rules, tokens: &[Token<'_>], i: usize, role: &str) -> bool {
    let heads = &rules.lexicons.place_context;
    tokens.get(i + 1).is_some_and(|t| {
        let opens = |head: &str| t.word == head || (t.word.starts_with(head) && !t.tag.starts_with('v'));
        heads.iter().any(|(head, r)| r == role && opens(head))
    })
}

/// Places jieba tags as transliterated names (新德里/nrt, 克什米尔/nrt, and
/// 伯尔尼/nr, spelt by sound): the words so tagged that stand where a place
/// stands.
fn transliterated_places(rules: &Rules, rule: &EntityRule, s: &Sentence<'_>, out: &mut Vec<EntityMention>) {
    for (i, tok) in s.tokens.iter().enumerate() {
        let foreign = tok.tag == "nrt" || (tok.tag == "nr" && is_spelt(rules, tok.word));
        // A piece of a dotted name (某某·某某大学) is no place of its own.
        if foreign
            && !beside_dot(s, i)
            && tok.word.chars().count() >= 2
            && place_context(rules, &s.tokens, i)
            && plausible_foreign_name(rules, tok.word)
        {
            out.push(mention(s, tok.start, tok.end, rule));
        }
    }
}

#[cfg(test)]
mod tests;
