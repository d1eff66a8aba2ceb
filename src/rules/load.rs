//! Walks a rules folder: reads every file, parses, compiles, and either
//! returns the compiled `Rules` or every error found.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use toml::Spanned;

use super::compile::{self, EntityRule, EntityRuleKind, FigureRules, Macros, PatternRule, QuoteRule, RelationRule};
use super::lexicon::{self, FigureWords, Gazetteer, GazetteerEntry, Lexicons, PlaceInfo};
use super::prefilter::Prefilter;
use super::raw::{AliasFile, EntitiesFile, FurniturePattern, NormalizeFile, PatternFile, RawPatternRule};
use super::{line_of, Diagnostics, RulesError};
use crate::model::{EntityType, RuleRef};

/// Everything zhkg knows, compiled from a rules folder.
#[derive(Debug, Clone)]
pub struct Rules {
    pub dir: PathBuf,
    pub furniture: Vec<Regex>,
    pub lexicons: Lexicons,
    pub gazetteer: Gazetteer,
    pub macros: Macros,
    pub entity_rules: Vec<EntityRule>,
    pub relation_rules: Vec<RelationRule>,
    pub quote_rules: Vec<QuoteRule>,
    pub figure_rules: FigureRules,
    /// Which pattern rules can match a text, per group of rules.
    pub prefilters: Prefilters,
    /// Hex SHA-256 over every file read, in path order: changes when any rule does.
    pub fingerprint: String,
}

/// One prefilter per group of pattern rules, each indexed like its group.
#[derive(Debug, Clone, Default)]
pub struct Prefilters {
    /// `entity_rules`: the regexes of `pattern` rules, over sentences.
    pub entities: Prefilter,
    /// `relation_rules`, over placeholder views of sentences.
    pub relations: Prefilter,
    /// `quote_rules`, over placeholder views of paragraphs.
    pub quotes: Prefilter,
    /// `figure_rules.figures`, over placeholder views of sentences.
    pub figures: Prefilter,
    /// `figure_rules.periods`, over sentences.
    pub periods: Prefilter,
}

/// The expanded regex of a pattern rule, as its prefilter reads it.
fn source(p: &PatternRule) -> Option<&str> {
    Some(p.regex.as_str())
}

impl Prefilters {
    fn new(entities: &[EntityRule], relations: &[RelationRule], quotes: &[QuoteRule], figures: &FigureRules) -> Self {
        Self {
            // Only `pattern` rules search the sentence with their regex;
            // other kinds may read theirs against something else.
            entities: Prefilter::new(entities.iter().map(|r| match r.kind {
                EntityRuleKind::Pattern => r.pattern.as_ref().map(Regex::as_str),
                _ => None,
            })),
            relations: Prefilter::new(relations.iter().map(|r| source(&r.pattern))),
            quotes: Prefilter::new(quotes.iter().map(|r| source(&r.pattern))),
            figures: Prefilter::new(figures.figures.iter().map(source)),
            periods: Prefilter::new(figures.periods.iter().map(source)),
        }
    }
}

/// The files of a rules folder, read once; problems reading them are
/// recorded, not fatal, so that parsing can still report the rest.
struct Folder {
    dir: PathBuf,
    /// The files read, as `Folder::read` was given them.
    names: &'static [&'static str],
    texts: HashMap<&'static str, String>,
    hasher: Sha256,
}

impl Folder {
    fn read(dir: &Path, names: &'static [&'static str], diag: &mut Diagnostics) -> Self {
        let mut folder = Folder { dir: dir.to_path_buf(), names, texts: HashMap::new(), hasher: Sha256::new() };
        for &name in names {
            match fs::read(dir.join(name)) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        folder.hasher.update(name.as_bytes());
                        folder.hasher.update(text.as_bytes());
                        folder.texts.insert(name, text);
                    }
                    Err(e) => {
                        let line = line_of(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
                        diag.error(name, line, "not valid UTF-8");
                    }
                },
                Err(e) => diag.error(name, 0, format!("cannot read: {e}")),
            }
        }
        folder
    }

    /// The text of `name`, empty if it could not be read (already reported).
    /// `name` must be one of the files read: one left out of `FILES` would
    /// read as empty, and edits to it would not change the rules'
    /// fingerprint, which keys the document cache.
    fn text(&self, name: &str) -> &str {
        debug_assert!(self.names.contains(&name), "{name} is not in the rules' FILES");
        self.texts.get(name).map(String::as_str).unwrap_or("")
    }

    /// Parses a TOML file; a syntax or shape error is reported with its line.
    fn toml<T: DeserializeOwned + Default>(&self, name: &str, diag: &mut Diagnostics) -> T {
        debug_assert!(self.names.contains(&name), "{name} is not in the rules' FILES");
        let Some(text) = self.texts.get(name) else { return T::default() };
        match toml::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
                diag.error(name, line, e.message().to_string());
                T::default()
            }
        }
    }
}

const FILES: [&str; 67] = [
    "normalize.toml",
    "entities.toml",
    "relations.toml",
    "quotes.toml",
    "figures.toml",
    "aliases.toml",
    "places/china.tsv",
    "places/countries.tsv",
    "places/world_cities.tsv",
    "places/capitals.tsv",
    "lexicons/regions.txt",
    "lexicons/industries.txt",
    "lexicons/surnames.txt",
    "lexicons/surnames_compound.txt",
    "lexicons/japanese_surnames.txt",
    "lexicons/titles.txt",
    "lexicons/org_suffixes.txt",
    "lexicons/place_suffixes.txt",
    "lexicons/industry_affixes.txt",
    "lexicons/place_context.txt",
    "lexicons/units.txt",
    "lexicons/qualifiers.txt",
    "lexicons/qualifiers_postfix.txt",
    "lexicons/speech_verbs.txt",
    "lexicons/not_person.txt",
    "lexicons/dictionary_names.txt",
    "lexicons/nations.txt",
    "lexicons/not_industry.txt",
    "lexicons/not_organization.txt",
    "lexicons/standalone_bodies.txt",
    "lexicons/transliteration_chars.txt",
    "lexicons/not_in_names_chars.txt",
    "lexicons/not_name_end_chars.txt",
    "lexicons/before_name_chars.txt",
    "lexicons/noun_head_chars.txt",
    "lexicons/weak_surname_chars.txt",
    "lexicons/forms_of_address.txt",
    "lexicons/honorifics.txt",
    "lexicons/person_relations.txt",
    "lexicons/byline_openers.txt",
    "lexicons/province_abbreviation_chars.txt",
    "lexicons/country_abbreviation_chars.txt",
    "lexicons/other_abbreviation_chars.txt",
    "lexicons/of_place_head_chars.txt",
    "lexicons/division_heads.txt",
    "lexicons/classifier_surname_chars.txt",
    "lexicons/given_name_division_end_chars.txt",
    "lexicons/pronoun_governing_chars.txt",
    "lexicons/national_levels.txt",
    "lexicons/admin_levels.txt",
    "lexicons/class_nouns.txt",
    "lexicons/body_heads.txt",
    "lexicons/not_org_heads.txt",
    "lexicons/dateline_words.txt",
    "lexicons/generic_stem_start_chars.txt",
    "lexicons/size_stem_start_chars.txt",
    "lexicons/not_one_char_stem_chars.txt",
    "lexicons/figure_scope_words.txt",
    "lexicons/figure_linking_words.txt",
    "lexicons/figure_time_prepositions.txt",
    "lexicons/figure_change_words.txt",
    "lexicons/figure_comparison_words.txt",
    "lexicons/figure_tail_function_words.txt",
    "lexicons/figure_light_verbs.txt",
    "lexicons/figure_source_words.txt",
    "lexicons/figure_back_references.txt",
    "lexicons/figure_duration_nouns.txt",
];

impl Rules {
    /// Reads and compiles every rule file under `dir`.
    pub fn load(dir: &Path) -> Result<Rules, RulesError> {
        if !dir.is_dir() {
            // One clear message rather than one per missing file.
            let message = "no such folder: run zhkg from the project folder or pass --rules DIR".to_string();
            let errors = vec![super::RuleError { file: String::new(), line: 0, message }];
            return Err(RulesError { dir: dir.to_path_buf(), errors });
        }
        let mut diag = Diagnostics::default();
        let folder = Folder::read(dir, &FILES, &mut diag);
        let lexicons = read_lexicons(&folder, &mut diag);
        let macros = Macros::new(&lexicons);
        let furniture = furniture(&folder, &mut diag);
        let entity_rules = entity_rules(&folder, &macros, &mut diag);
        let gazetteer = gazetteer(&folder, &entity_rules, &mut diag);
        let (relation_rules, quote_rules, figure_rules) = pattern_rules(&folder, &macros, &mut diag);
        let rules = Rules {
            dir: dir.to_path_buf(),
            furniture,
            lexicons,
            gazetteer,
            macros,
            prefilters: Prefilters::new(&entity_rules, &relation_rules, &quote_rules, &figure_rules),
            entity_rules,
            relation_rules,
            quote_rules,
            figure_rules,
            fingerprint: format!("{:x}", folder.hasher.clone().finalize()),
        };
        diag.into_result(folder.dir, rules)
    }
}

fn rule_ref<T>(file: &'static str, text: &str, spanned: &Spanned<T>, id: &str) -> RuleRef {
    RuleRef::new(id, file, line_of(text, spanned.span().start))
}

fn furniture(folder: &Folder, diag: &mut Diagnostics) -> Vec<Regex> {
    let file = "normalize.toml";
    let parsed: NormalizeFile = folder.toml(file, diag);
    let mut out = Vec::new();
    for f in &parsed.furniture {
        let line = line_of(folder.text(file), f.span().start);
        match Regex::new(&f.get_ref().pattern) {
            Ok(re) => {
                for ex in &f.get_ref().examples {
                    let squeezed: String = ex.chars().filter(|c| !c.is_whitespace()).collect();
                    if !re.is_match(&squeezed) {
                        diag.error(file, line, format!("rule `{}`: its example `{ex}` does not match", f.get_ref().id));
                    }
                }
                out.push(re);
            }
            Err(e) => diag.error(file, line, format!("rule `{}`: bad pattern: {e}", f.get_ref().id)),
        }
    }
    out
}

fn read_lexicons(folder: &Folder, diag: &mut Diagnostics) -> Lexicons {
    let list = |name: &str, diag: &mut Diagnostics| lexicon::read_list(name, folder.text(name), diag);
    let two_col = |name: &str, diag: &mut Diagnostics| lexicon::read_tsv_headerless(name, folder.text(name), diag);
    // Character classes: any number of characters per line.
    let chars = |name: &str, diag: &mut Diagnostics| -> rustc_hash::FxHashSet<char> {
        list(name, diag).iter().flat_map(|l| l.chars()).filter(|c| !c.is_whitespace()).collect()
    };
    Lexicons {
        surnames: list("lexicons/surnames.txt", diag).into_iter().collect(),
        compound_surnames: list("lexicons/surnames_compound.txt", diag).into_iter().collect(),
        japanese_surnames: list("lexicons/japanese_surnames.txt", diag).into_iter().collect(),
        titles: list("lexicons/titles.txt", diag).into_iter().collect(),
        org_suffixes: two_col("lexicons/org_suffixes.txt", diag).into_iter().collect(),
        place_suffixes: two_col("lexicons/place_suffixes.txt", diag).into_iter().collect(),
        industry_affixes: two_col("lexicons/industry_affixes.txt", diag).into_iter().collect(),
        place_context: two_col("lexicons/place_context.txt", diag).into_iter().collect(),
        units: two_col("lexicons/units.txt", diag).into_iter().filter(|(_, kind)| kind != "time").collect(),
        qualifiers: list("lexicons/qualifiers.txt", diag),
        postfix_qualifiers: list("lexicons/qualifiers_postfix.txt", diag),
        speech_verbs: list("lexicons/speech_verbs.txt", diag),
        not_person: list("lexicons/not_person.txt", diag).into_iter().collect(),
        dictionary_names: list("lexicons/dictionary_names.txt", diag).into_iter().collect(),
        nations: list("lexicons/nations.txt", diag).into_iter().collect(),
        not_industry: list("lexicons/not_industry.txt", diag).into_iter().collect(),
        not_organization: list("lexicons/not_organization.txt", diag).into_iter().collect(),
        standalone_bodies: list("lexicons/standalone_bodies.txt", diag).into_iter().collect(),
        transliteration: chars("lexicons/transliteration_chars.txt", diag),
        not_in_names: chars("lexicons/not_in_names_chars.txt", diag),
        not_name_end: chars("lexicons/not_name_end_chars.txt", diag),
        before_names: chars("lexicons/before_name_chars.txt", diag),
        noun_heads: chars("lexicons/noun_head_chars.txt", diag),
        weak_surnames: chars("lexicons/weak_surname_chars.txt", diag),
        forms_of_address: list("lexicons/forms_of_address.txt", diag),
        honorifics: list("lexicons/honorifics.txt", diag).into_iter().collect(),
        person_relations: list("lexicons/person_relations.txt", diag).into_iter().collect(),
        byline_openers: list("lexicons/byline_openers.txt", diag),
        province_abbreviations: chars("lexicons/province_abbreviation_chars.txt", diag),
        country_abbreviations: chars("lexicons/country_abbreviation_chars.txt", diag),
        other_abbreviations: chars("lexicons/other_abbreviation_chars.txt", diag),
        of_place_heads: chars("lexicons/of_place_head_chars.txt", diag),
        division_heads: list("lexicons/division_heads.txt", diag).into_iter().collect(),
        classifier_surnames: chars("lexicons/classifier_surname_chars.txt", diag),
        given_name_division_ends: chars("lexicons/given_name_division_end_chars.txt", diag),
        pronoun_governing: chars("lexicons/pronoun_governing_chars.txt", diag),
        national_levels: list("lexicons/national_levels.txt", diag).into_iter().collect(),
        admin_levels: list("lexicons/admin_levels.txt", diag),
        class_nouns: list("lexicons/class_nouns.txt", diag).into_iter().collect(),
        body_heads: list("lexicons/body_heads.txt", diag).into_iter().collect(),
        not_org_heads: list("lexicons/not_org_heads.txt", diag).into_iter().collect(),
        dateline_words: list("lexicons/dateline_words.txt", diag).into_iter().collect(),
        generic_stem_starts: chars("lexicons/generic_stem_start_chars.txt", diag),
        size_stem_starts: chars("lexicons/size_stem_start_chars.txt", diag),
        not_one_char_stems: chars("lexicons/not_one_char_stem_chars.txt", diag),
        figure_words: FigureWords {
            scope: list("lexicons/figure_scope_words.txt", diag).into_iter().collect(),
            linking: list("lexicons/figure_linking_words.txt", diag).into_iter().collect(),
            time_prepositions: list("lexicons/figure_time_prepositions.txt", diag).into_iter().collect(),
            changes: list("lexicons/figure_change_words.txt", diag),
            comparison: list("lexicons/figure_comparison_words.txt", diag),
            tail_function_words: list("lexicons/figure_tail_function_words.txt", diag).into_iter().collect(),
            light_verbs: list("lexicons/figure_light_verbs.txt", diag).into_iter().collect(),
            sources: list("lexicons/figure_source_words.txt", diag),
            back_references: list("lexicons/figure_back_references.txt", diag).into_iter().collect(),
            duration_nouns: list("lexicons/figure_duration_nouns.txt", diag),
        },
    }
}

fn entity_rules(folder: &Folder, macros: &Macros, diag: &mut Diagnostics) -> Vec<EntityRule> {
    let file = "entities.toml";
    let parsed: EntitiesFile = folder.toml(file, diag);
    let mut ids = HashMap::new();
    let mut out = Vec::new();
    for r in &parsed.rule {
        let rule = rule_ref(file, folder.text(file), r, &r.get_ref().id);
        if let Some(first) = ids.insert(r.get_ref().id.clone(), rule.line()) {
            diag.error(file, rule.line(), format!("rule id `{}` already used at line {first}", r.get_ref().id));
        }
        out.extend(compile::entity_rule(r.get_ref(), rule, macros, diag));
    }
    out
}

/// Gathers every listed name; each entry's provenance is its own line in
/// its lexicon file, under the id of the gazetteer rule that uses the list.
fn gazetteer(folder: &Folder, rules: &[EntityRule], diag: &mut Diagnostics) -> Gazetteer {
    let rule_for = |lexicon: &str| {
        rules
            .iter()
            .find(|r| r.kind == EntityRuleKind::Gazetteer && r.lexicon.as_deref() == Some(lexicon))
            .map(|r| (r.rule.id().to_string(), r.ty))
    };
    let mut entries = Vec::new();
    let mut places = Vec::new();
    if let Some((id, ty)) = rule_for("places") {
        places = china_places(folder, &id, ty, &mut entries, diag);
        let countries = countries(folder, &id, ty, &mut entries, diag);
        for table in [&WORLD_CITIES, &CAPITALS] {
            places.extend(cities(folder, table, &countries, &id, ty, &mut entries, diag));
        }
        let regions = named_list(folder, "lexicons/regions.txt", &id, ty, &mut entries, diag);
        places.extend(region_places(&places, regions, diag));
    }
    if let Some((id, ty)) = rule_for("industries") {
        // Industries have no parents; a third column there is ignored.
        named_list(folder, "lexicons/industries.txt", &id, ty, &mut entries, diag);
    }
    if let Some((id, ty)) = rule_for("organizations") {
        organizations(folder, &id, ty, &mut entries, diag);
    }
    dedup_entries(&mut entries);
    Gazetteer::new(entries, places)
}

/// The first listing of a written form wins; later ones (a county sharing a
/// name with a prefecture elsewhere) only add ambiguity.
fn dedup_entries(entries: &mut Vec<GazetteerEntry>) {
    let mut seen = std::collections::HashSet::new();
    entries.retain(|e| seen.insert(e.surface.clone()));
}

fn china_places(
    folder: &Folder,
    id: &str,
    ty: EntityType,
    out: &mut Vec<GazetteerEntry>,
    diag: &mut Diagnostics,
) -> Vec<PlaceInfo> {
    let file = "places/china.tsv";
    let rows = lexicon::read_tsv(file, folder.text(file), 5, diag);
    let names: HashMap<&str, &str> = rows.iter().map(|(_, c)| (c[0], c[1])).collect();
    let mut places = Vec::new();
    // Provinces first, then prefectures, then counties: a short form shared
    // by a prefecture and a county then names the larger unit.
    let mut ordered: Vec<&(usize, Vec<&str>)> = rows.iter().collect();
    ordered.sort_by_key(|(_, c)| level_rank(c[3]));
    for (line, c) in ordered {
        let parent = Some(c[4]).filter(|p| !p.is_empty()).map(|p| match names.get(p) {
            Some(name) => name.to_string(),
            None => {
                diag.error(file, *line, format!("parent code {p} is not in the file"));
                String::new()
            }
        });
        places.push(PlaceInfo { name: c[1].to_string(), level: c[3].to_string(), parent });
        for surface in [c[1], c[2]].into_iter().filter(|s| !s.is_empty()) {
            out.push(entry(surface, ty, c[1], id, file, *line));
        }
    }
    places
}

fn level_rank(level: &str) -> u8 {
    match level {
        "province" => 0,
        "prefecture" => 1,
        _ => 2,
    }
}

const COUNTRIES_FILE: &str = "places/countries.tsv";

/// The countries and their other names; returns the countries' names, which
/// `cities` checks its rows against.
fn countries<'a>(
    folder: &'a Folder,
    id: &str,
    ty: EntityType,
    out: &mut Vec<GazetteerEntry>,
    diag: &mut Diagnostics,
) -> rustc_hash::FxHashSet<&'a str> {
    let mut names = rustc_hash::FxHashSet::default();
    for (line, c) in lexicon::read_tsv(COUNTRIES_FILE, folder.text(COUNTRIES_FILE), 2, diag) {
        out.push(entry(c[1], ty, c[1], id, COUNTRIES_FILE, line));
        for alias in lexicon::split_alternatives(c.get(2)) {
            out.push(entry(&alias, ty, c[1], id, COUNTRIES_FILE, line));
        }
        names.insert(c[1]);
    }
    names
}

/// A table of cities, each lying in a country of countries.tsv, which is its
/// parent in the hierarchy (印度新德里, 美国纽约); a country written but not
/// listed there is an error at its line.
struct CityTable {
    file: &'static str,
    city: usize,
    country: usize,
    level: &'static str,
}

/// Capitals (新德里, 堪培拉), hand-written: `country<TAB>capital`.
const CAPITALS: CityTable = CityTable { file: "places/capitals.tsv", city: 1, country: 0, level: "capital" };

/// Cities of the world (莫斯科, 开罗), one per time zone of CLDR:
/// `zone<TAB>city<TAB>country`, the country empty where tzdata names none.
const WORLD_CITIES: CityTable = CityTable { file: "places/world_cities.tsv", city: 1, country: 2, level: "city" };

fn cities(
    folder: &Folder,
    table: &CityTable,
    countries: &rustc_hash::FxHashSet<&str>,
    id: &str,
    ty: EntityType,
    out: &mut Vec<GazetteerEntry>,
    diag: &mut Diagnostics,
) -> Vec<PlaceInfo> {
    let file = table.file;
    let mut places = Vec::new();
    for (line, c) in lexicon::read_tsv(file, folder.text(file), 2, diag) {
        let (city, country) = (c[table.city], c.get(table.country).copied().unwrap_or(""));
        if !country.is_empty() && !countries.contains(country) {
            diag.error(file, line, format!("`{country}` is no country of {COUNTRIES_FILE}"));
            continue;
        }
        out.push(entry(city, ty, city, id, file, line));
        if !country.is_empty() && city != country {
            places.push(PlaceInfo { name: city.into(), level: table.level.into(), parent: Some(country.into()) });
        }
    }
    places
}

/// A listed name with the parent written in its third column, if any.
struct ListedParent {
    file: &'static str,
    line: usize,
    name: String,
    parent: String,
}

/// `name<TAB>alias,alias` lists: regions and industries. Regions may add
/// `<TAB>parent`, the administrative unit a zone lies in (前海 → 深圳市);
/// those rows are returned for the hierarchy.
fn named_list(
    folder: &Folder,
    file: &'static str,
    id: &str,
    ty: EntityType,
    out: &mut Vec<GazetteerEntry>,
    diag: &mut Diagnostics,
) -> Vec<ListedParent> {
    let mut seen = std::collections::HashSet::new();
    let mut parents = Vec::new();
    for (line, l) in lexicon::content_lines(folder.text(file)) {
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        if !seen.insert(cols[0]) {
            diag.error(file, line, format!("duplicate entry `{}`", cols[0]));
            continue;
        }
        out.push(entry(cols[0], ty, cols[0], id, file, line));
        for alias in lexicon::split_alternatives(cols.get(1)) {
            out.push(entry(&alias, ty, cols[0], id, file, line));
        }
        if let Some(parent) = cols.get(2).filter(|p| !p.is_empty()) {
            parents.push(ListedParent { file, line, name: cols[0].to_string(), parent: parent.to_string() });
        }
    }
    parents
}

/// Regions with a parent join the hierarchy, so 深圳前海 confirms that 前海
/// lies in 深圳市. The parent must be a full name of places/china.tsv.
fn region_places(admin: &[PlaceInfo], regions: Vec<ListedParent>, diag: &mut Diagnostics) -> Vec<PlaceInfo> {
    let known: std::collections::HashSet<&str> = admin.iter().map(|p| p.name.as_str()).collect();
    let mut out = Vec::new();
    for r in regions {
        if known.contains(r.parent.as_str()) {
            out.push(PlaceInfo { name: r.name, level: "region".into(), parent: Some(r.parent) });
        } else {
            diag.error(r.file, r.line, format!("parent `{}` is not a full name in places/china.tsv", r.parent));
        }
    }
    out
}

fn organizations(folder: &Folder, id: &str, ty: EntityType, out: &mut Vec<GazetteerEntry>, diag: &mut Diagnostics) {
    let file = "aliases.toml";
    let parsed: AliasFile = folder.toml(file, diag);
    for o in &parsed.organization {
        let line = line_of(folder.text(file), o.span().start);
        let o = o.get_ref();
        out.push(entry(&o.name, ty, &o.name, id, file, line));
        for alias in &o.aliases {
            out.push(entry(alias, ty, &o.name, id, file, line));
        }
    }
}

fn entry(surface: &str, ty: EntityType, canonical: &str, id: &str, file: &str, line: usize) -> GazetteerEntry {
    GazetteerEntry {
        surface: surface.to_string(),
        ty,
        canonical: canonical.to_string(),
        rule: RuleRef::new(id, file, line),
    }
}

/// One pattern file's rules with their positions, ids checked unique across files.
fn parse_patterns(
    folder: &Folder,
    file: &'static str,
    ids: &mut HashMap<String, (&'static str, usize)>,
    diag: &mut Diagnostics,
) -> (Vec<(RuleRef, RawPatternRule)>, Vec<Spanned<FurniturePattern>>) {
    let parsed: PatternFile = folder.toml(file, diag);
    let mut rules = Vec::new();
    for raw in parsed.rule {
        let rule = rule_ref(file, folder.text(file), &raw, &raw.get_ref().id);
        if let Some((f, l)) = ids.insert(rule.id().to_string(), (file, rule.line())) {
            diag.error(file, rule.line(), format!("rule id `{}` already used at {f}:{l}", rule.id()));
        }
        rules.push((rule, raw.into_inner()));
    }
    (rules, parsed.period)
}

fn pattern_rules(
    folder: &Folder,
    macros: &Macros,
    diag: &mut Diagnostics,
) -> (Vec<RelationRule>, Vec<QuoteRule>, FigureRules) {
    let mut ids = HashMap::new();
    let (relations, _) = parse_patterns(folder, "relations.toml", &mut ids, diag);
    let relations =
        relations.into_iter().filter_map(|(r, raw)| compile::relation_rule(&raw, r, macros, diag)).collect();
    let (quotes, _) = parse_patterns(folder, "quotes.toml", &mut ids, diag);
    let quotes = quotes.into_iter().filter_map(|(r, raw)| compile::quote_rule(&raw, r, macros, diag)).collect();
    let (figures, periods) = parse_patterns(folder, "figures.toml", &mut ids, diag);
    let figures = figures.into_iter().filter_map(|(r, raw)| compile::figure_rule(&raw, r, macros, diag)).collect();
    let mut out = FigureRules { figures, periods: Vec::new() };
    for p in periods {
        let rule = rule_ref("figures.toml", folder.text("figures.toml"), &p, &p.get_ref().id);
        match compile::compile_pattern(&p.get_ref().pattern, macros, false, &[]) {
            Ok(regex) => {
                for ex in
                    p.get_ref().examples.iter().filter(|ex| regex.find(ex).is_none_or(|m| m.as_str() != ex.as_str()))
                {
                    diag.error(
                        "figures.toml",
                        rule.line(),
                        format!("period `{}`: its example `{ex}` is not matched whole", rule.id()),
                    );
                }
                out.periods.push(compile::PatternRule { rule, regex, examples: Vec::new() });
            }
            Err(msg) => diag.error("figures.toml", rule.line(), format!("period `{}`: {msg}", rule.id())),
        }
    }
    (relations, quotes, out)
}
