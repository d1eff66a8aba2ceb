//! Scores one document's facts against its gold file.
//!
//! Input: a `GoldDoc` and the document's `DocFacts`. Output: a `DocScore` with
//! tp/fp/fn per category, the misses and false positives as readable lines (each
//! false positive with the ids of the rules that produced it), and the accuracy
//! of the fields of matched figures and affiliations.
//!
//! Matching rules. Every comparison of names or texts is under [`fold`]. All pairing
//! is one-to-one and maximal (see `matching.rs`); gold lists are sets, so repeated
//! gold items count once, and our facts are deduplicated the same way first.
//!
//! - Entities. Ours are the keys with a mention in the document, or that are the
//!   subject or object of a relation, the subject of a figure or the speaker of a
//!   quote. An entity of ours has as names its canonical name and every surface
//!   of its mentions; a gold entity has its name and aliases. A gold entity and
//!   one of ours of the same type match when their name sets intersect; pairs whose
//!   gold name equals our canonical name are made first.
//! - Endpoints (relation subjects and objects, figure subjects, quote speakers):
//!   a gold name and an `EntityKey` of ours denote the same entity when the gold
//!   entity having that name or alias was aligned with ours above. When either
//!   side was not aligned (an entity missed, typed differently, or a gold name
//!   absent from the gold entity list), they denote the same entity when the gold
//!   name is among our entity's names.
//! - Figures: same `text`. Among equal texts, pairs that also agree on measure and
//!   subject are made first, then those agreeing on one of them. Ours are
//!   deduplicated by (text, measure, subject). Over matched figures whose gold field
//!   is not null, a measure is found when ours is equal, a subject when ours
//!   denotes the same entity; a null of ours is never found.
//! - Relations: same type, subject and object as endpoints. Ours are deduplicated
//!   by (type, subject, object), keeping the first role given. The role of a
//!   matched affiliation is right when it equals gold's, both null counting as equal.
//! - Quotes: same speaker as endpoints, and a statement that begins with the first
//!   min(10, n) characters of gold's `starts` (n its length), after dropping
//!   leading opening quotation marks from both. Gold stops anywhere between 10
//!   and 14 characters, so the first 10 are what every entry is sure to give;
//!   a statement shorter than that is in gold whole and must match whole. Ours
//!   are deduplicated by (speaker, statement).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::counts::{Counts, Ratio};
use super::fold;
use super::gold::{GoldDoc, GoldEntity, GoldFigure, GoldQuote, GoldRelation};
use super::matching::{pair_in_tiers, Pairing};
use crate::model::{DocFacts, EntityKey, EntityType, Figure, Provenance, Quote, RelationFact, RelationKind, RuleRef};

/// One missed or spurious fact, as a readable line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// The document id, `000_c2695642805de2f9`.
    pub doc: String,
    pub text: String,
    /// For false positives: the ids of the rules that produced the fact, sorted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// The same rules with where they are written, `id (file:line)`; for a
    /// gazetteer rule, the lexicon line that listed the name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<String>,
}

/// The score of one category (entities, figures, relations or quotes).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CategoryScore {
    pub counts: Counts,
    /// Per entity type or relation type; empty for figures and quotes.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_type: BTreeMap<String, Counts>,
    pub misses: Vec<Finding>,
    pub false_positives: Vec<Finding>,
}

impl CategoryScore {
    fn with_types<'a>(types: impl IntoIterator<Item = &'a str>) -> Self {
        let by_type = types.into_iter().map(|t| (t.to_owned(), Counts::default())).collect();
        Self { by_type, ..Self::default() }
    }

    fn tally(&mut self, ty: Option<&str>, counts: Counts) {
        self.counts += counts;
        if let Some(ty) = ty {
            *self.by_type.entry(ty.to_owned()).or_default() += counts;
        }
    }

    fn hit(&mut self, ty: Option<&str>) {
        self.tally(ty, Counts::new(1, 0, 0));
    }

    fn miss(&mut self, ty: Option<&str>, doc: &str, text: String) {
        self.tally(ty, Counts::new(0, 0, 1));
        self.misses.push(finding(doc, text, &BTreeSet::new()));
    }

    fn false_positive(&mut self, ty: Option<&str>, doc: &str, text: String, rules: &BTreeSet<RuleRef>) {
        self.tally(ty, Counts::new(0, 1, 0));
        self.false_positives.push(finding(doc, text, rules));
    }

    /// Adds another document's score to this one.
    pub(crate) fn absorb(&mut self, other: CategoryScore) {
        self.counts += other.counts;
        for (ty, c) in other.by_type {
            *self.by_type.entry(ty).or_default() += c;
        }
        self.misses.extend(other.misses);
        self.false_positives.extend(other.false_positives);
    }

    fn sort(&mut self) {
        self.misses.sort();
        self.false_positives.sort();
    }
}

/// What is scored: per document in a `DocScore`, summed in a `GoldReport`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub entities: CategoryScore,
    pub figures: CategoryScore,
    pub relations: CategoryScore,
    pub quotes: CategoryScore,
    /// Matched figures whose gold measure is not null: how many of ours equal it.
    pub figure_measure: Ratio,
    /// Matched figures whose gold subject is not null: how many of ours denote it.
    pub figure_subject: Ratio,
    /// Matched figures whose gold time is not null: how many of ours give that period.
    pub figure_period: Ratio,
    /// Matched affiliations: how many have gold's role.
    pub affiliation_role: Ratio,
    /// The wrong or missing measures, subjects and roles behind the three ratios.
    pub field_errors: Vec<Finding>,
}

impl Scores {
    /// The four fact categories, for what applies to each.
    pub fn categories(&self) -> [&CategoryScore; 4] {
        [&self.entities, &self.figures, &self.relations, &self.quotes]
    }

    /// Adds another document's scores to these.
    pub(crate) fn absorb(&mut self, other: Scores) {
        self.entities.absorb(other.entities);
        self.figures.absorb(other.figures);
        self.relations.absorb(other.relations);
        self.quotes.absorb(other.quotes);
        self.figure_measure += other.figure_measure;
        self.figure_subject += other.figure_subject;
        self.figure_period += other.figure_period;
        self.affiliation_role += other.affiliation_role;
        self.field_errors.extend(other.field_errors);
    }
}

/// The score of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocScore {
    pub doc: String,
    #[serde(flatten)]
    pub scores: Scores,
}

/// Scores `facts` against `gold`; see the module documentation for the rules.
pub fn score_doc(gold: &GoldDoc, facts: &DocFacts) -> DocScore {
    let doc = facts.doc.id.0.clone();
    let entities = Alignment::new(&gold.entities, facts);
    let scores = Scores {
        entities: entities.score(&doc),
        relations: CategoryScore::with_types(RelationKind::ALL.map(RelationKind::as_str)),
        ..Scores::default()
    };
    let mut score = DocScore { doc, scores };
    score_figures(&mut score, &entities, &gold.figures, &facts.figures);
    score_relations(&mut score, &entities, &gold.relations, &facts.relations);
    score_quotes(&mut score, &entities, &gold.quotes, &facts.quotes);
    for category in
        [&mut score.scores.entities, &mut score.scores.figures, &mut score.scores.relations, &mut score.scores.quotes]
    {
        category.sort();
    }
    score.scores.field_errors.sort();
    score
}

/// A gold entity, merged with any repeat of the same type and name.
struct GoldEntry<'g> {
    ty: EntityType,
    name: &'g str,
    aliases: Vec<&'g str>,
    /// Folded name and aliases.
    names: BTreeSet<String>,
}

/// An entity of ours as this document shows it.
struct OurEntity {
    key: EntityKey,
    /// Folded canonical name and surfaces.
    names: BTreeSet<String>,
    /// Surfaces as written, for messages.
    surfaces: BTreeSet<String>,
    mention_rules: BTreeSet<RuleRef>,
    /// Rules of the relations, figures and quotes that name the entity.
    fact_rules: BTreeSet<RuleRef>,
}

impl OurEntity {
    fn new(key: EntityKey) -> Self {
        let names = BTreeSet::from([fold(&key.name)]);
        let (surfaces, mention_rules, fact_rules) = Default::default();
        Self { key, names, surfaces, mention_rules, fact_rules }
    }
}

/// Gold entities aligned one-to-one with ours.
struct Alignment<'g> {
    gold: Vec<GoldEntry<'g>>,
    gold_by_name: HashMap<String, Vec<usize>>,
    ours: Vec<OurEntity>,
    ours_by_key: HashMap<EntityKey, usize>,
    pairing: Pairing,
}

impl<'g> Alignment<'g> {
    fn new(gold_entities: &'g [GoldEntity], facts: &DocFacts) -> Self {
        let gold = gold_entries(gold_entities);
        let mut gold_by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in gold.iter().enumerate() {
            for name in &entry.names {
                gold_by_name.entry(name.clone()).or_default().push(i);
            }
        }
        let ours = our_entities(facts);
        let ours_by_key = ours.iter().enumerate().map(|(i, e)| (e.key.clone(), i)).collect();
        let same_name =
            |g: usize, o: usize| gold[g].ty == ours[o].key.ty && fold(gold[g].name) == fold(&ours[o].key.name);
        let shared_name =
            |g: usize, o: usize| gold[g].ty == ours[o].key.ty && !gold[g].names.is_disjoint(&ours[o].names);
        let pairing = pair_in_tiers(gold.len(), ours.len(), &[&same_name, &shared_name]);
        Self { gold, gold_by_name, ours, ours_by_key, pairing }
    }

    /// Whether a gold endpoint name and an endpoint of ours denote the same entity.
    fn same_entity(&self, gold_name: &str, ours: &EntityKey) -> bool {
        let Some(&o) = self.ours_by_key.get(ours) else {
            return false;
        };
        let name = fold(gold_name);
        let candidates = self.gold_by_name.get(&name).map_or(&[][..], Vec::as_slice);
        let ours_aligned = self.pairing.ours_to_gold[o];
        if ours_aligned.is_some_and(|g| candidates.contains(&g)) {
            return true;
        }
        let gold_aligned = candidates.iter().any(|&g| self.pairing.gold_to_ours[g].is_some());
        if ours_aligned.is_some() && gold_aligned {
            return false;
        }
        self.ours[o].names.contains(&name)
    }

    fn score(&self, doc: &str) -> CategoryScore {
        let mut score = CategoryScore::with_types(EntityType::ALL.map(EntityType::as_str));
        for (g, _) in self.pairing.pairs() {
            score.hit(Some(self.gold[g].ty.as_str()));
        }
        for g in self.pairing.unpaired_gold() {
            let entry = &self.gold[g];
            let mut text = format!("{}/{}", entry.ty, entry.name);
            if !entry.aliases.is_empty() {
                text += &format!(" [{}]", entry.aliases.join(", "));
            }
            score.miss(Some(entry.ty.as_str()), doc, text);
        }
        for o in self.pairing.unpaired_ours() {
            let entity = &self.ours[o];
            let text = describe_entity(entity);
            score.false_positive(Some(entity.key.ty.as_str()), doc, text, entity_rules(entity));
        }
        score
    }
}

fn gold_entries(entities: &[GoldEntity]) -> Vec<GoldEntry<'_>> {
    let mut entries: Vec<GoldEntry<'_>> = Vec::new();
    let mut seen: HashMap<(EntityType, String), usize> = HashMap::new();
    for e in entities {
        let i = *seen.entry((e.ty, fold(&e.name))).or_insert_with(|| {
            entries.push(GoldEntry { ty: e.ty, name: &e.name, aliases: Vec::new(), names: BTreeSet::new() });
            entries.len() - 1
        });
        let entry = &mut entries[i];
        entry.names.insert(fold(&e.name));
        for alias in &e.aliases {
            if entry.names.insert(fold(alias)) {
                entry.aliases.push(alias);
            }
        }
    }
    entries
}

fn our_entities(facts: &DocFacts) -> Vec<OurEntity> {
    let mut ours: BTreeMap<EntityKey, OurEntity> = BTreeMap::new();
    fn entity<'a>(ours: &'a mut BTreeMap<EntityKey, OurEntity>, key: &EntityKey) -> &'a mut OurEntity {
        ours.entry(key.clone()).or_insert_with(|| OurEntity::new(key.clone()))
    }
    for m in &facts.mentions {
        let e = entity(&mut ours, &m.entity);
        e.names.insert(fold(&m.surface));
        e.surfaces.insert(m.surface.clone());
        e.mention_rules.insert(m.prov.rule.clone());
    }
    let named = facts.relations.iter().flat_map(|r| [(&r.subject, &r.prov), (&r.object, &r.prov)]);
    let subjects = facts.figures.iter().filter_map(|f| f.subject.as_ref().map(|s| (s, &f.prov)));
    let speakers = facts.quotes.iter().map(|q| (&q.speaker, &q.prov));
    for (key, prov) in named.chain(subjects).chain(speakers) {
        entity(&mut ours, key).fact_rules.insert(prov.rule.clone());
    }
    ours.into_values().collect()
}

fn describe_entity(e: &OurEntity) -> String {
    let others: Vec<&str> = e.surfaces.iter().map(String::as_str).filter(|s| fold(s) != fold(&e.key.name)).collect();
    if others.is_empty() {
        e.key.to_string()
    } else {
        format!("{} (as {})", e.key, others.join(", "))
    }
}

fn entity_rules(e: &OurEntity) -> &BTreeSet<RuleRef> {
    if e.mention_rules.is_empty() {
        &e.fact_rules
    } else {
        &e.mention_rules
    }
}

fn finding(doc: &str, text: String, rules: &BTreeSet<RuleRef>) -> Finding {
    let ids: BTreeSet<&str> = rules.iter().map(RuleRef::id).collect();
    let rules_ids = ids.into_iter().map(str::to_owned).collect();
    Finding { doc: doc.to_owned(), text, rules: rules_ids, origins: rules.iter().map(RuleRef::to_string).collect() }
}

/// Our facts after deduplication: the first of each group, with the rules of all.
struct Deduped<'f, T> {
    fact: &'f T,
    rules: BTreeSet<RuleRef>,
}

fn dedupe<'f, T, K: Ord>(
    facts: &'f [T],
    key: impl Fn(&T) -> K,
    prov: impl Fn(&T) -> &Provenance,
) -> Vec<Deduped<'f, T>> {
    let mut out: Vec<Deduped<'f, T>> = Vec::new();
    let mut seen: BTreeMap<K, usize> = BTreeMap::new();
    for fact in facts {
        let i = *seen.entry(key(fact)).or_insert_with(|| {
            out.push(Deduped { fact, rules: BTreeSet::new() });
            out.len() - 1
        });
        out[i].rules.insert(prov(fact).rule.clone());
    }
    out
}

/// Gold lists are sets: keeps the first of each group of equal items.
fn dedupe_gold<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<&T> {
    let mut seen = BTreeSet::new();
    items.iter().filter(|item| seen.insert(key(item))).collect()
}

fn fold_opt(s: Option<&str>) -> Option<String> {
    s.map(fold)
}

fn or_dash(s: Option<&str>) -> &str {
    s.unwrap_or("-")
}

fn score_figures(score: &mut DocScore, align: &Alignment<'_>, gold: &[GoldFigure], ours: &[Figure]) {
    let gold = dedupe_gold(gold, |f| (fold(&f.text), fold_opt(f.measure.as_deref()), fold_opt(f.subject.as_deref())));
    let ours = dedupe(ours, |f| (fold(&f.text), fold_opt(f.measure.as_deref()), f.subject.clone()), |f| &f.prov);
    let text = |g: usize, o: usize| fold(&gold[g].text) == fold(&ours[o].fact.text);
    let measure = |g: usize, o: usize| measure_found(gold[g], ours[o].fact);
    let subject = |g: usize, o: usize| subject_found(align, gold[g], ours[o].fact);
    let pairing = pair_in_tiers(
        gold.len(),
        ours.len(),
        &[
            &|g, o| text(g, o) && measure(g, o) && subject(g, o),
            &|g, o| text(g, o) && (measure(g, o) || subject(g, o)),
            &text,
        ],
    );
    let doc = score.doc.clone();
    let describe = |text: &str, measure: Option<&str>, subject: Option<&str>| {
        format!("{text} measure={} subject={}", or_dash(measure), or_dash(subject))
    };
    for (g, o) in pairing.pairs() {
        score.scores.figures.hit(None);
        check_figure_fields(score, align, gold[g], &ours[o]);
    }
    for g in pairing.unpaired_gold() {
        let gf = gold[g];
        let text = describe(&gf.text, gf.measure.as_deref(), gf.subject.as_deref());
        score.scores.figures.miss(None, &doc, text);
    }
    for o in pairing.unpaired_ours() {
        let of = ours[o].fact;
        let text = describe(&of.text, of.measure.as_deref(), of.subject.as_ref().map(|k| k.name.as_str()));
        score.scores.figures.false_positive(None, &doc, text, &ours[o].rules);
    }
}

/// Records, for each field gold gives (measure, subject, period), whether
/// the matched figure of ours has it, and what it has instead when not.
fn check_figure_fields(score: &mut DocScore, align: &Alignment<'_>, gold: &GoldFigure, ours: &Deduped<'_, Figure>) {
    let fact = ours.fact;
    type Field<'a> = (&'static str, Option<&'a str>, Option<&'a str>, bool, fn(&mut Scores) -> &mut Ratio);
    let fields: [Field<'_>; 3] = [
        ("measure", gold.measure.as_deref(), fact.measure.as_deref(), measure_found(gold, fact), |s| {
            &mut s.figure_measure
        }),
        (
            "subject",
            gold.subject.as_deref(),
            fact.subject.as_ref().map(|k| k.name.as_str()),
            subject_found(align, gold, fact),
            |s| &mut s.figure_subject,
        ),
        ("period", gold.time.as_deref(), fact.period.as_deref(), period_found(gold, fact), |s| &mut s.figure_period),
    ];
    for (name, gold_value, ours_value, found, ratio) in fields {
        let Some(gold_value) = gold_value else { continue };
        ratio(&mut score.scores).record(found);
        if !found {
            let text = format!("figure {} {name}: ours {}, gold {gold_value}", gold.text, or_dash(ours_value));
            score.scores.field_errors.push(finding(&score.doc, text, &ours.rules));
        }
    }
}

fn period_found(gold: &GoldFigure, ours: &Figure) -> bool {
    match (&gold.time, &ours.period) {
        (Some(g), Some(o)) => fold(g) == fold(o),
        _ => false,
    }
}

fn measure_found(gold: &GoldFigure, ours: &Figure) -> bool {
    match (&gold.measure, &ours.measure) {
        (Some(g), Some(o)) => fold(g) == fold(o),
        _ => false,
    }
}

fn subject_found(align: &Alignment<'_>, gold: &GoldFigure, ours: &Figure) -> bool {
    match (&gold.subject, &ours.subject) {
        (Some(g), Some(o)) => align.same_entity(g, o),
        _ => false,
    }
}

fn score_relations(score: &mut DocScore, align: &Alignment<'_>, gold: &[GoldRelation], ours: &[RelationFact]) {
    let gold = dedupe_gold(gold, |r| (r.kind, fold(&r.subject), fold(&r.object)));
    let key = |r: &RelationFact| (r.kind, r.subject.clone(), r.object.clone());
    let mut roles: BTreeMap<_, &str> = BTreeMap::new();
    for r in ours {
        if let Some(role) = &r.role {
            roles.entry(key(r)).or_insert(role.as_str());
        }
    }
    let ours = dedupe(ours, key, |r| &r.prov);
    let our_role = |o: usize| roles.get(&key(ours[o].fact)).copied();
    let pairing = pair_in_tiers(
        gold.len(),
        ours.len(),
        &[&|g, o| {
            let (gr, or) = (gold[g], ours[o].fact);
            gr.kind == or.kind
                && align.same_entity(&gr.subject, &or.subject)
                && align.same_entity(&gr.object, &or.object)
        }],
    );
    let doc = score.doc.clone();
    for (g, o) in pairing.pairs() {
        let gr = gold[g];
        score.scores.relations.hit(Some(gr.kind.as_str()));
        if gr.kind == RelationKind::Affiliation {
            check_role(score, gr, our_role(o), &ours[o].rules);
        }
    }
    for g in pairing.unpaired_gold() {
        let gr = gold[g];
        let text = describe_relation(gr.kind, &gr.subject, &gr.object, gr.role.as_deref());
        score.scores.relations.miss(Some(gr.kind.as_str()), &doc, text);
    }
    for o in pairing.unpaired_ours() {
        let or = ours[o].fact;
        let text = describe_relation(or.kind, &or.subject.name, &or.object.name, our_role(o));
        score.scores.relations.false_positive(Some(or.kind.as_str()), &doc, text, &ours[o].rules);
    }
}

/// Records whether a matched affiliation of ours has gold's role.
fn check_role(score: &mut DocScore, gold: &GoldRelation, ours: Option<&str>, rules: &BTreeSet<RuleRef>) {
    let right = fold_opt(gold.role.as_deref()) == fold_opt(ours);
    score.scores.affiliation_role.record(right);
    if !right {
        let text = format!(
            "affiliation {} → {} role: ours {}, gold {}",
            gold.subject,
            gold.object,
            or_dash(ours),
            or_dash(gold.role.as_deref())
        );
        score.scores.field_errors.push(finding(&score.doc, text, rules));
    }
}

fn describe_relation(kind: RelationKind, subject: &str, object: &str, role: Option<&str>) -> String {
    match role {
        Some(role) => format!("{kind} {subject} → {object} role={role}"),
        None => format!("{kind} {subject} → {object}"),
    }
}

/// Characters of gold's `starts` that a statement of ours must begin with.
const QUOTE_PREFIX: usize = 10;

/// A statement as compared: folded, without leading opening quotation marks.
fn statement_key(s: &str) -> String {
    fold(s).trim_start_matches(['“', '"', '「', '『', '‘', '\'']).to_owned()
}

fn statement_matches(gold_starts: &str, ours: &str) -> bool {
    let prefix: String = statement_key(gold_starts).chars().take(QUOTE_PREFIX).collect();
    !prefix.is_empty() && statement_key(ours).starts_with(&prefix)
}

fn score_quotes(score: &mut DocScore, align: &Alignment<'_>, gold: &[GoldQuote], ours: &[Quote]) {
    let gold = dedupe_gold(gold, |q| (fold(&q.speaker), statement_key(&q.starts)));
    let ours = dedupe(ours, |q| (q.speaker.clone(), statement_key(&q.text)), |q| &q.prov);
    let pairing = pair_in_tiers(
        gold.len(),
        ours.len(),
        &[&|g, o| {
            let (gq, oq) = (gold[g], ours[o].fact);
            align.same_entity(&gq.speaker, &oq.speaker) && statement_matches(&gq.starts, &oq.text)
        }],
    );
    let doc = score.doc.clone();
    for _ in pairing.pairs() {
        score.scores.quotes.hit(None);
    }
    for g in pairing.unpaired_gold() {
        let text = format!("{}: {}", gold[g].speaker, gold[g].starts);
        score.scores.quotes.miss(None, &doc, text);
    }
    for o in pairing.unpaired_ours() {
        let oq = ours[o].fact;
        let key = statement_key(&oq.text);
        let mut start: String = key.chars().take(14).collect();
        if key.chars().nth(14).is_some() {
            start.push('…');
        }
        let text = format!("{}: {start}", oq.speaker.name);
        score.scores.quotes.false_positive(None, &doc, text, &ours[o].rules);
    }
}

#[cfg(test)]
mod tests;
