//! Line-based lexicons and TSV gazetteers: one entry per line, `#` starts a
//! comment, TSV files have a header line. Readers report bad lines by position
//! and keep going, so one run shows every problem.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::Diagnostics;
use crate::model::{EntityType, RuleRef};

/// A lexicon file's content lines: (1-based line, trimmed text), comments and
/// blank lines dropped.
pub(crate) fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        let body = l.trim();
        (!body.is_empty() && !body.starts_with('#')).then_some((i + 1, l))
    })
}

/// Reads a one-column list, reporting duplicates.
pub(crate) fn read_list(file: &str, text: &str, diag: &mut Diagnostics) -> Vec<String> {
    read_tsv_headerless(file, text, diag).into_iter().map(|(word, _)| word).collect()
}

/// Reads a TSV with a header; returns (line, columns) of the data rows, each
/// checked to have at least `min_cols` columns.
pub(crate) fn read_tsv<'a>(
    file: &str,
    text: &'a str,
    min_cols: usize,
    diag: &mut Diagnostics,
) -> Vec<(usize, Vec<&'a str>)> {
    let mut rows = Vec::new();
    for (line, l) in content_lines(text).skip(1) {
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        if cols.len() < min_cols || cols[0].is_empty() {
            diag.error(file, line, format!("expected {min_cols} tab-separated columns, found {}", cols.len()));
            continue;
        }
        rows.push((line, cols));
    }
    rows
}

/// Reads `word<TAB>kind` lines (no header): suffixes and units.
pub(crate) fn read_tsv_headerless(file: &str, text: &str, diag: &mut Diagnostics) -> Vec<(String, String)> {
    let mut seen = HashSet::default();
    let mut out = Vec::new();
    for (line, l) in content_lines(text) {
        let mut cols = l.split('\t').map(str::trim);
        let word = cols.next().unwrap_or("").to_string();
        if !seen.insert(word.clone()) {
            diag.error(file, line, format!("duplicate entry `{word}`"));
            continue;
        }
        out.push((word, cols.next().unwrap_or("").to_string()));
    }
    out
}

/// Comma-separated alternatives in one column (`AI,人工智能技术`).
pub(crate) fn split_alternatives(col: Option<&&str>) -> Vec<String> {
    col.map(|c| c.split([',', '，']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

/// Closed word classes used by the recognizers and as pattern macros.
#[derive(Debug, Default, Clone)]
pub struct Lexicons {
    pub surnames: HashSet<String>,
    pub compound_surnames: HashSet<String>,
    /// Frequent Japanese family names of two or three characters (田中, 佐佐木).
    pub japanese_surnames: HashSet<String>,
    pub titles: BTreeSet<String>,
    /// Suffix → coarse kind (gov, edu, company…).
    pub org_suffixes: Suffixes,
    /// Suffix → kind (admin, nature, zone, venue) of words that end a
    /// place's name (镇, 江, 工业园区, 寺).
    pub place_suffixes: Suffixes,
    /// Word → role (head, modifier, field) of words that build industry
    /// names (产业, 智慧, 领域).
    pub industry_affixes: HashMap<String, String>,
    /// Word → role (before, after, thing) of words around a transliterated
    /// name that show it names a place or a thing (在, 市, 现象).
    pub place_context: HashMap<String, String>,
    /// Unit → kind (count, money, percent, rank, physical, people); units of
    /// time are left out, since dates are not figures.
    pub units: BTreeMap<String, String>,
    pub qualifiers: Vec<String>,
    pub postfix_qualifiers: Vec<String>,
    pub speech_verbs: Vec<String>,
    pub not_person: HashSet<String>,
    /// Two-character words jieba's dictionary tags as names: mostly common
    /// words (荣幸), so a person read from one needs context.
    pub dictionary_names: HashSet<String>,
    pub nations: HashSet<String>,
    /// Words the industry patterns must not take (transport 运输业 is fine,
    /// 服务业 alone is too generic).
    pub not_industry: HashSet<String>,
    /// Generic groups that look like organizations (高校, 科研院所).
    pub not_organization: HashSet<String>,
    /// Bodies named by their kind alone (市委, 国会, 海军).
    pub standalone_bodies: HashSet<String>,
    /// Characters that spell foreign names (马克思, 科瓦连科).
    pub transliteration: HashSet<char>,
    /// Function characters never inside a given name (的, 了, 和, 说).
    pub not_in_names: HashSet<char>,
    /// One-character function words jieba's HMM glues to a name after them
    /// (对, 但, 胜); none is a surname.
    pub before_names: HashSet<char>,
    /// Characters that end many common nouns and hardly any name (场, 车, 性).
    pub noun_heads: HashSet<char>,
    /// Characters that follow a name but do not end one (曾, 还, 们).
    pub not_name_end: HashSet<char>,
    /// Surname characters more often a function word (连, 向, 从): cut off
    /// the word after them, that word must itself read as a name.
    pub weak_surnames: HashSet<char>,
    /// What follows a surname to address a person (先生, 老, 家).
    pub forms_of_address: Vec<String>,
    /// Words after a name that mark it as a person's (同志, 一行).
    pub honorifics: HashSet<String>,
    /// Kinship and relation words before a name (妻子, 队友, 男友).
    pub person_relations: HashSet<String>,
    /// Words that open a byline (本报记者, 通讯员), whose names text repair
    /// keeps apart.
    pub byline_openers: Vec<String>,
    /// One-character abbreviations of provinces (粤, 川) and countries (俄).
    pub province_abbreviations: HashSet<char>,
    pub country_abbreviations: HashSet<char>,
    /// One-character abbreviations of continents and of China (亚, 华, 奥),
    /// read only where they open a noun for a thing of the place.
    pub other_abbreviations: HashSet<char>,
    /// Heads that make an abbreviation and one of them a thing of the place
    /// (京剧, 川菜, 华侨).
    pub of_place_heads: HashSet<char>,
    /// Words for a division after a place's own name (省, 港, 共和国).
    pub division_heads: HashSet<String>,
    /// Surname characters that are also classifiers (张, 项, 支): after a
    /// determiner or a number they count things.
    pub classifier_surnames: HashSet<char>,
    /// Admin endings that also end many given names (旗, 州).
    pub given_name_division_ends: HashSet<char>,
    /// Characters before 他/她 that make it no subject: a preposition or a
    /// verb governing it (对, 让), or a word holding it (其他).
    pub pronoun_governing: HashSet<char>,
    /// Words for the national level that open a body's name (国家, 中央).
    pub national_levels: HashSet<String>,
    /// Administrative levels that stand for their unit before a body (市教委),
    /// in file order: a word opening with one is read with the first listed.
    pub admin_levels: Vec<String>,
    /// Nouns for a class of bodies (公司, 球队): after a listed place, the
    /// place's bodies in general.
    pub class_nouns: HashSet<String>,
    /// Heads of forces, legislatures and teams that end a body's name in
    /// jieba's nt words (军, 议会, 女排).
    pub body_heads: HashSet<String>,
    /// Heads of nt words that name no body (政府, 关系, 产业).
    pub not_org_heads: HashSet<String>,
    /// Words of a news item's dateline (本报讯, 电), which open no name.
    pub dateline_words: HashSet<String>,
    /// First characters of generic stems: determiners, pronouns, numbers
    /// (全, 该, 两); a name part opening with one is no name.
    pub generic_stem_starts: HashSet<char>,
    /// First characters of descriptive stems (大, 小, 山): a place's stem
    /// opening with one must be jieba's own place.
    pub size_stem_starts: HashSet<char>,
    /// One-character stems of common words before a place's suffix (内河).
    pub not_one_char_stems: HashSet<char>,
    /// The figure grammar's closed word classes (figure_*.txt).
    pub figure_words: FigureWords,
}

/// Closed word classes of the figure grammar, which reads the measure,
/// subject and period of a figure: grammar words the jieba tags do not
/// single out, not vocabulary of any topic.
#[derive(Debug, Default, Clone)]
pub struct FigureWords {
    /// Scope words standing where a subject would (全国, 全省).
    pub scope: HashSet<String>,
    /// Linking words between a measure and its number (为, 有, 共有).
    pub linking: HashSet<String>,
    /// Prepositions that introduce a time (截至, 到).
    pub time_prepositions: HashSet<String>,
    /// Words of change (增长, 下降); a phrase holding one states a change.
    pub changes: Vec<String>,
    /// Prepositions of comparison (比, 较), matched at a word's start.
    pub comparison: Vec<String>,
    /// Adverbs and modal verbs before the number (已, 仍, 将会).
    pub tail_function_words: HashSet<String>,
    /// Light verbs whose object is the measure (实现, 完成).
    pub light_verbs: HashSet<String>,
    /// Words after a name that make it a statistic's source (发布, 数据显示).
    pub sources: Vec<String>,
    /// Nouns referring back to a company named before (公司, 该集团).
    pub back_references: HashSet<String>,
    /// Time nouns after `N个` that make it a duration (月, 小时).
    pub duration_nouns: Vec<String>,
}

/// Word endings and their kinds (org_suffixes.txt, place_suffixes.txt), read
/// as a map, with the longest listed ending of a word found quickly: the
/// recognizers ask for every word of every sentence, and most words end in
/// a character no listed ending ends in.
#[derive(Debug, Default, Clone)]
pub struct Suffixes {
    kinds: HashMap<String, String>,
    last_chars: HashSet<char>,
}

impl FromIterator<(String, String)> for Suffixes {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(entries: I) -> Self {
        let kinds: HashMap<String, String> = entries.into_iter().collect();
        let last_chars = kinds.keys().filter_map(|k| k.chars().next_back()).collect();
        Self { kinds, last_chars }
    }
}

impl std::ops::Deref for Suffixes {
    type Target = HashMap<String, String>;

    fn deref(&self) -> &Self::Target {
        &self.kinds
    }
}

impl Suffixes {
    /// The longest listed ending of `word`: one lookup per tail of the word,
    /// longest tail first (words are short, the list is long).
    pub fn longest_in(&self, word: &str) -> Option<&str> {
        if !word.chars().next_back().is_some_and(|c| self.last_chars.contains(&c)) {
            return None;
        }
        word.char_indices().find_map(|(i, _)| self.kinds.get_key_value(&word[i..])).map(|(k, _)| k.as_str())
    }
}

impl Lexicons {
    pub fn is_surname(&self, s: &str) -> bool {
        self.surnames.contains(s) || self.compound_surnames.contains(s)
    }

    pub fn is_title(&self, s: &str) -> bool {
        self.titles.contains(s)
    }

    /// Whether `word` ends with a title of at least `min_chars` characters
    /// (德国总理 → 总理): one lookup per tail of the word, not a scan of the
    /// titles, since the recognizers ask it of word after word.
    pub fn ends_with_title(&self, word: &str, min_chars: usize) -> bool {
        word.char_indices().map(|(i, _)| &word[i..]).any(|tail| self.is_title_of(tail, min_chars))
    }

    /// Whether `word` starts with a title of at least `min_chars` characters
    /// (司令官 → 司令), one lookup per head of the word.
    pub fn starts_with_title(&self, word: &str, min_chars: usize) -> bool {
        let mut heads = word.char_indices().skip(1).map(|(i, _)| &word[..i]).chain([word]);
        heads.any(|head| self.is_title_of(head, min_chars))
    }

    fn is_title_of(&self, s: &str, min_chars: usize) -> bool {
        s.chars().count() >= min_chars && self.titles.contains(s)
    }

    pub fn is_speech_verb(&self, s: &str) -> bool {
        self.speech_verbs.iter().any(|v| v == s)
    }
}

/// One place of the administrative hierarchy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceInfo {
    pub name: String,
    pub level: String,
    /// Full name of the parent unit, if any.
    pub parent: Option<String>,
}

/// A written form that names an entity, with the rule that listed it.
#[derive(Debug, Clone)]
pub struct GazetteerEntry {
    pub surface: String,
    pub ty: EntityType,
    pub canonical: String,
    pub rule: RuleRef,
}

/// Every listed name (places, industries, organizations), found in text with
/// one leftmost-longest Aho-Corasick automaton.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub entries: Vec<GazetteerEntry>,
    automaton: AhoCorasick,
    /// Full place name → every unit of that name (朝阳区 is in two cities).
    places: HashMap<String, Vec<PlaceInfo>>,
    /// Written form → canonical name, per type, for resolution.
    canonical: HashMap<(EntityType, String), String>,
}

impl Gazetteer {
    pub(crate) fn new(entries: Vec<GazetteerEntry>, place_rows: Vec<PlaceInfo>) -> Self {
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(entries.iter().map(|e| &e.surface))
            .expect("gazetteer automaton fits in memory");
        let mut places: HashMap<String, Vec<PlaceInfo>> = HashMap::default();
        for p in place_rows {
            places.entry(p.name.clone()).or_default().push(p);
        }
        let canonical = entries.iter().map(|e| ((e.ty, e.surface.clone()), e.canonical.clone())).collect();
        Self { entries, automaton, places, canonical }
    }

    /// Leftmost-longest matches in `text`: (byte start, byte end, entry).
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, usize, &'a GazetteerEntry)> + 'a {
        self.automaton.find_iter(text).map(|m| (m.start(), m.end(), &self.entries[m.pattern().as_usize()]))
    }

    /// The canonical name listed for a written form.
    pub fn canonical(&self, ty: EntityType, surface: &str) -> Option<&str> {
        self.canonical.get(&(ty, surface.to_string())).map(String::as_str)
    }

    pub fn place(&self, name: &str) -> Option<&PlaceInfo> {
        self.places.get(name).and_then(|v| v.first())
    }

    /// True when `inner` lies (at any depth) within `outer`, by the hierarchy.
    pub fn is_within(&self, inner: &str, outer: &str) -> bool {
        let mut frontier: Vec<&PlaceInfo> = self.places.get(inner).map(|v| v.iter().collect()).unwrap_or_default();
        for _ in 0..4 {
            let mut next = Vec::new();
            for p in frontier {
                if let Some(parent) = &p.parent {
                    if parent == outer {
                        return true;
                    }
                    next.extend(self.places.get(parent).into_iter().flatten());
                }
            }
            frontier = next;
        }
        false
    }
}
