//! Compiling rules: macros expanded, regexes built, names and groups checked.
//!
//! Patterns are regexes with `{MACRO}`s. Lexicon macros (`{TITLE}`,
//! `{SPEECH}`, `{UNIT}`…) expand to an alternation of the lexicon's entries,
//! longest first. In relation, quote and figure patterns every entity mention
//! of the sentence stands as one placeholder character, matched by `{PER}`,
//! `{ORG}`, `{PLACE}`, `{IND}` or `{ENT}` (any entity).

use std::collections::BTreeMap;

use regex::Regex;

use super::lexicon::Lexicons;
use super::raw::{RawEntityRule, RawExample, RawPatternRule};
use super::Diagnostics;
use crate::model::{EntityType, RelationKind, RuleRef};

/// The private-use character that stands for a mention of `ty` in the
/// placeholder view of a sentence.
pub fn placeholder(ty: EntityType) -> char {
    match ty {
        EntityType::Person => '\u{E001}',
        EntityType::Organization => '\u{E002}',
        EntityType::Place => '\u{E003}',
        EntityType::Industry => '\u{E004}',
    }
}

/// Macro name → regex source.
#[derive(Debug, Clone)]
pub struct Macros(BTreeMap<&'static str, String>);

impl Macros {
    pub fn new(lex: &Lexicons) -> Self {
        let mut m = BTreeMap::new();
        let surnames = alternation(lex.surnames.iter());
        let compound = alternation(lex.compound_surnames.iter());
        m.insert("SURNAME", surnames.clone());
        m.insert("SURNAME2", compound.clone());
        m.insert("NAME", format!("(?:{compound}|{surnames})\\p{{Han}}{{1,2}}"));
        m.insert("TITLE", alternation(lex.titles.iter()));
        m.insert("SPEECH", alternation(lex.speech_verbs.iter()));
        m.insert("BYLINE", alternation(lex.byline_openers.iter()));
        m.insert("UNIT", alternation(lex.units.keys()));
        m.insert("QUAL", alternation(lex.qualifiers.iter()));
        m.insert("QUALPOST", alternation(lex.postfix_qualifiers.iter()));
        m.insert("ORGSUFFIX", alternation(lex.org_suffixes.keys()));
        m.insert("MAG", "(?:万亿|亿|万|千|百)".to_string());
        m.insert(
            "NUM",
            r"(?:\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
                .to_string(),
        );
        for ty in EntityType::ALL {
            m.insert(placeholder_macro(ty), placeholder(ty).to_string());
        }
        let any: String = EntityType::ALL.iter().map(|&t| placeholder(t)).collect();
        m.insert("ENT", format!("[{any}]"));
        Macros(m)
    }

    /// Expands `{NAME}` macros; unknown names and placeholders where none
    /// are allowed are errors. `{2,3}`-style repetitions pass through.
    pub fn expand(&self, pattern: &str, placeholders_allowed: bool) -> Result<String, String> {
        static MACRO: std::sync::LazyLock<Regex> =
            std::sync::LazyLock::new(|| Regex::new(r"\{([A-Z][A-Z0-9]*)\}").expect("static regex"));
        let macro_re = &*MACRO;
        let mut out = String::with_capacity(pattern.len());
        let mut last = 0;
        for c in macro_re.captures_iter(pattern) {
            let whole = c.get(0).expect("group 0");
            if pattern[..whole.start()].ends_with("\\x") {
                continue; // a regex escape such as \x{E001}, not a macro
            }
            let name = &c[1];
            let is_placeholder = EntityType::ALL.iter().any(|&t| placeholder_macro(t) == name) || name == "ENT";
            if is_placeholder && !placeholders_allowed {
                return Err(format!(
                    "{{{name}}} stands for a mention and is only allowed in relation, quote and figure rules"
                ));
            }
            let body = self.0.get(name).ok_or_else(|| {
                let known: Vec<_> = self.0.keys().map(|k| format!("{{{k}}}")).collect();
                format!("unknown macro {{{name}}}; known: {}", known.join(" "))
            })?;
            out.push_str(&pattern[last..whole.start()]);
            out.push_str(body);
            last = whole.end();
        }
        out.push_str(&pattern[last..]);
        Ok(out)
    }
}

fn placeholder_macro(ty: EntityType) -> &'static str {
    match ty {
        EntityType::Person => "PER",
        EntityType::Organization => "ORG",
        EntityType::Place => "PLACE",
        EntityType::Industry => "IND",
    }
}

/// A non-capturing alternation of literal words, longest first so that the
/// regex prefers 党委书记 over 书记.
fn alternation<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let mut w: Vec<&String> = words.filter(|w| !w.is_empty()).collect();
    w.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    w.dedup();
    if w.is_empty() {
        // Matches nothing, so a rule using an empty lexicon is inert, not wrong.
        return "(?:[^\\s\\S])".to_string();
    }
    let parts: Vec<String> = w.iter().map(|s| regex::escape(s)).collect();
    format!("(?:{})", parts.join("|"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityRuleKind {
    /// Names listed in a gazetteer (`lexicon`).
    Gazetteer,
    /// A regex whose group `name` is the entity.
    Pattern,
    /// Organization names built as prefix + suffix from the suffix lexicon.
    Suffix,
    /// A jieba part-of-speech tag.
    Tagger,
    /// The items of a 、-list that names at least one listed entity and
    /// ends in a word saying what the items are (人工智能、量子科技等领域).
    List,
    /// Bodies named by their kind alone (市委, 国会), from
    /// `lexicons/standalone_bodies.txt`.
    Standalone,
    /// Every other occurrence, in the same document, of a name that a
    /// positive-priority rule found.
    Document,
}

#[derive(Debug, Clone)]
pub struct EntityRule {
    pub rule: RuleRef,
    pub ty: EntityType,
    pub kind: EntityRuleKind,
    pub lexicon: Option<String>,
    pub pattern: Option<Regex>,
    pub tag: Option<String>,
    pub priority: i32,
    pub max_prefix: usize,
    /// `identity = "document"`: what it finds is an entity of its document only.
    pub document_scoped: bool,
    pub examples: Vec<RawExample>,
}

const LEXICON_NAMES: [&str; 3] = ["places", "industries", "organizations"];

pub(crate) fn entity_rule(
    raw: &RawEntityRule,
    rule: RuleRef,
    macros: &Macros,
    diag: &mut Diagnostics,
) -> Option<EntityRule> {
    let (file, line) = (rule.file().to_string(), rule.line());
    let mut fail = |msg: String| diag.error(&file, line, format!("rule `{}`: {msg}", raw.id));
    let Some(ty) = EntityType::parse(&raw.ty) else {
        fail(format!("unknown type `{}` (Person, Organization, Place, Industry)", raw.ty));
        return None;
    };
    let kind = match raw.kind.as_str() {
        "gazetteer" => EntityRuleKind::Gazetteer,
        "pattern" => EntityRuleKind::Pattern,
        "suffix" => EntityRuleKind::Suffix,
        "tagger" => EntityRuleKind::Tagger,
        "document" => EntityRuleKind::Document,
        "list" => EntityRuleKind::List,
        "standalone" => EntityRuleKind::Standalone,
        other => {
            fail(format!("unknown kind `{other}` (gazetteer, pattern, suffix, tagger, list, standalone, document)"));
            return None;
        }
    };
    let needs = |field: &str, present: bool| (!present).then(|| format!("kind `{}` needs `{field}`", raw.kind));
    let missing = match kind {
        EntityRuleKind::Gazetteer => needs("lexicon", raw.lexicon.is_some()),
        EntityRuleKind::Pattern => needs("pattern", raw.pattern.is_some()),
        EntityRuleKind::Tagger => needs("tag", raw.tag.is_some()),
        EntityRuleKind::Suffix | EntityRuleKind::List | EntityRuleKind::Standalone | EntityRuleKind::Document => None,
    };
    if let Some(msg) = missing {
        fail(msg);
        return None;
    }
    let document_scoped = match raw.identity.as_deref() {
        None | Some("corpus") => false,
        Some("document") => true,
        Some(other) => {
            fail(format!("unknown identity `{other}` (corpus, document)"));
            return None;
        }
    };
    if let Some(lex) = raw.lexicon.as_deref().filter(|l| !LEXICON_NAMES.contains(l)) {
        fail(format!("unknown lexicon `{lex}` ({})", LEXICON_NAMES.join(", ")));
        return None;
    }
    let pattern = match raw.pattern.as_deref().map(|p| compile_pattern(p, macros, false, &["name"])) {
        Some(Err(msg)) => {
            fail(msg);
            return None;
        }
        Some(Ok(re)) => Some(re),
        None => None,
    };
    Some(EntityRule {
        rule,
        ty,
        kind,
        lexicon: raw.lexicon.clone(),
        pattern,
        tag: raw.tag.clone(),
        priority: raw.priority,
        max_prefix: raw.max_prefix.unwrap_or(12),
        document_scoped,
        examples: raw.examples.clone(),
    })
}

/// Expands macros and builds the regex, checking the named groups it must have.
pub(crate) fn compile_pattern(
    pattern: &str,
    macros: &Macros,
    placeholders_allowed: bool,
    required_groups: &[&str],
) -> Result<Regex, String> {
    let expanded = macros.expand(pattern, placeholders_allowed)?;
    // Bounded repeats of wide classes ([^。！？]{0,40}) make many DFA states;
    // with the default 2 MiB cache the lazy DFA keeps clearing it and gives
    // way to the slow NFA engines (quote rules ran 2.5x slower).
    let re = regex::RegexBuilder::new(&expanded)
        .dfa_size_limit(32 << 20)
        .build()
        .map_err(|e| format!("bad pattern: {}", first_line(&e.to_string())))?;
    let names: Vec<&str> = re.capture_names().flatten().collect();
    for g in required_groups {
        if !names.contains(g) {
            return Err(format!("pattern lacks the named group `(?P<{g}>…)`"));
        }
    }
    Ok(re)
}

fn first_line(s: &str) -> String {
    // regex errors draw the pattern with a caret over several lines; the last
    // line says what is wrong and suffices next to file:line.
    s.lines().rfind(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_string()
}

/// A pattern over the placeholder view of a sentence.
#[derive(Debug, Clone)]
pub struct PatternRule {
    pub rule: RuleRef,
    pub regex: Regex,
    pub examples: Vec<RawExample>,
}

#[derive(Debug, Clone)]
pub struct RelationRule {
    pub kind: RelationKind,
    /// Matches inside one mention's name (its nested mentions as
    /// placeholders) instead of a sentence; the subject is that mention.
    pub name_scope: bool,
    /// Only keep a match whose places the gazetteer's hierarchy confirms.
    pub require_hierarchy: bool,
    /// The person of an affiliation is the document's author (the name
    /// standing alone on a line before the match), not a group: bylines such
    /// as （作者为…副理事长）.
    pub author_scope: bool,
    pub pattern: PatternRule,
}

#[derive(Debug, Clone)]
pub struct QuoteRule {
    pub direct: bool,
    pub pattern: PatternRule,
}

#[derive(Debug, Clone, Default)]
pub struct FigureRules {
    pub figures: Vec<PatternRule>,
    pub periods: Vec<PatternRule>,
}

fn pattern_rule(
    raw: &RawPatternRule,
    rule: RuleRef,
    macros: &Macros,
    groups: &[&str],
    diag: &mut Diagnostics,
) -> Option<PatternRule> {
    match compile_pattern(&raw.pattern, macros, true, groups) {
        Ok(regex) => Some(PatternRule { rule, regex, examples: raw.examples.clone() }),
        Err(msg) => {
            diag.error(rule.file(), rule.line(), format!("rule `{}`: {msg}", raw.id));
            None
        }
    }
}

pub(crate) fn relation_rule(
    raw: &RawPatternRule,
    rule: RuleRef,
    macros: &Macros,
    diag: &mut Diagnostics,
) -> Option<RelationRule> {
    let Some(kind) = RelationKind::parse(&raw.kind) else {
        diag.error(
            rule.file(),
            rule.line(),
            format!("rule `{}`: unknown relation `{}` (affiliation, partOf, locatedIn)", raw.id, raw.kind),
        );
        return None;
    };
    let require_hierarchy = match raw.require.as_deref() {
        None => false,
        Some("hierarchy") => true,
        Some(other) => {
            diag.error(
                rule.file(),
                rule.line(),
                format!("rule `{}`: unknown requirement `{other}` (hierarchy)", raw.id),
            );
            return None;
        }
    };
    let (name_scope, author_scope) = match (raw.scope.as_deref(), kind) {
        (None | Some("sentence"), _) => (false, false),
        (Some("name"), _) => (true, false),
        (Some("author"), RelationKind::Affiliation) => (false, true),
        (Some(other), _) => {
            diag.error(
                rule.file(),
                rule.line(),
                format!("rule `{}`: unknown scope `{other}` (sentence, name; author for affiliations)", raw.id),
            );
            return None;
        }
    };
    let groups: &[&str] = match (kind, name_scope, author_scope) {
        (_, true, _) => &["object"],
        (RelationKind::Affiliation, _, true) => &["org"],
        (RelationKind::Affiliation, _, false) => &["person", "org"],
        _ => &["subject", "object"],
    };
    let pattern = pattern_rule(raw, rule, macros, groups, diag)?;
    Some(RelationRule { kind, name_scope, require_hierarchy, author_scope, pattern })
}

pub(crate) fn quote_rule(
    raw: &RawPatternRule,
    rule: RuleRef,
    macros: &Macros,
    diag: &mut Diagnostics,
) -> Option<QuoteRule> {
    let direct = match raw.kind.as_str() {
        "direct" => true,
        "reported" => false,
        other => {
            diag.error(
                rule.file(),
                rule.line(),
                format!("rule `{}`: unknown quote kind `{other}` (direct, reported)", raw.id),
            );
            return None;
        }
    };
    let pattern = pattern_rule(raw, rule, macros, &["speaker", "statement"], diag)?;
    Some(QuoteRule { direct, pattern })
}

pub(crate) fn figure_rule(
    raw: &RawPatternRule,
    rule: RuleRef,
    macros: &Macros,
    diag: &mut Diagnostics,
) -> Option<PatternRule> {
    if raw.kind != "figure" {
        diag.error(rule.file(), rule.line(), format!("rule `{}`: unknown figure kind `{}` (figure)", raw.id, raw.kind));
        return None;
    }
    pattern_rule(raw, rule, macros, &["number", "unit"], diag)
}
