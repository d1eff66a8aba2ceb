//! Statistical figures: number + unit, with qualifier, measure, subject and
//! period.
//!
//! Input: one segmented sentence, its placeholder view, the document's
//! mentions and repaired text. Output: `FigureMention`s, in sentence order.
//! Data: the figure and period patterns of rules/figures.toml, the units,
//! qualifiers and speech verbs of rules/lexicons.
//!
//! A rule of figures.toml finds the number and unit; what it leaves out is
//! read from the figure's clause: the stretch of the sentence between the
//! previous punctuation mark (or the previous figure) and the number.
//! - measure: for a count, the noun phrase counted, after the classifier
//!   (835项制度创新成果) or before the number once the verb is dropped
//!   (已集聚各类创新载体155家); for an amount, the clause's subject-less
//!   predicate (增加值同比增长10%). Leading subjects, time words, adverbs and
//!   pronouns are stripped, and so are trailing linking verbs (达, 为, 有).
//!   A clause that names no counted thing borrows it from the figure before
//!   (推出835项成果，其中在国家层面复制推广93项 → 在国家层面复制推广的成果).
//!   A bare change (同比增长) is the change of the amount before it.
//! - subject: the nearest place or organization before the figure in its
//!   clause (我国 standing for the country), then in its sentence, then an
//!   industry heading the measure, then the country for 全国, then earlier in
//!   the paragraph, then later in the sentence; else, after all sentences,
//!   the document's topic place (`fill_default_subject`). Sources (统计局发布)
//!   and speakers' affiliations (清华大学教授张明) are no subjects.
//! - period: the period nearest before the figure in its sentence, else the
//!   last one earlier in its paragraph, else the first after it in its sentence.

use std::ops::Range;

use super::view::{mentions_within, View};
use super::{numbers, EntityMention, FigureMention, Sentence};
use crate::model::{EntityType, RuleRef};
use crate::rules::{FigureWords, Rules};

pub fn extract(
    rules: &Rules,
    s: &Sentence<'_>,
    view: &View,
    mentions: &[EntityMention],
    text: &str,
) -> Vec<FigureMention> {
    let ctx = Context::new(rules, s, mentions, text);
    let mut out: Vec<FigureMention> = Vec::new();
    let mut heads: Vec<Head> = Vec::new();
    for hit in ctx.hits(view) {
        let (figure, head) = ctx.figure(hit, &out, &heads);
        out.push(figure);
        heads.push(head);
    }
    out
}

/// A figure whose sentence, paragraph and clause name no place or
/// organization is about the document's topic place: the place mentioned most
/// often.
pub fn fill_default_subject(figures: &mut [FigureMention], mentions: &[EntityMention]) {
    let mut counts: std::collections::BTreeMap<&str, (usize, usize)> = std::collections::BTreeMap::new();
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.ty == EntityType::Place && !m.nested) {
        let key = m.canonical.as_deref().unwrap_or("");
        let e = counts.entry(key).or_insert((0, i));
        e.0 += 1;
    }
    let topic =
        counts.into_iter().filter(|(k, _)| !k.is_empty()).max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)));
    if let Some((_, (_, index))) = topic {
        figures.iter_mut().filter(|f| f.subject.is_none()).for_each(|f| f.subject = Some(index));
    }
}

/// What a figure quantifies, which decides where its measure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quantity {
    /// 项, 家, 人: a noun phrase says what is counted.
    Count,
    /// %, 亿元, 千瓦: a predicate says what grew or amounts to it.
    Amount,
    /// 第12位: the ranking named before it.
    Rank,
}

/// What later figures of the sentence may borrow from a figure: the noun
/// phrase it counts or measures, undecorated by a borrowed predicate.
#[derive(Debug, Clone)]
struct Head {
    quantity: Quantity,
    base_unit: String,
    noun: Option<String>,
    /// Where the figure and the noun written after it end.
    end: usize,
}

/// A figure's measure as read from its clause.
#[derive(Debug, Default)]
struct Measure {
    text: Option<String>,
    /// The noun phrase later figures may borrow.
    noun: Option<String>,
    /// An industry the measure names (工业增加值 of 高技术制造业).
    industry: Option<usize>,
    /// A subject the measure decided (a part keeps its whole's subject).
    subject: Option<usize>,
    /// The end of a measure written after the figure (835项制度创新成果).
    end: Option<usize>,
}

impl Measure {
    fn plain(text: Option<String>) -> Self {
        Measure { noun: text.clone(), text, ..Measure::default() }
    }
}

/// The nearest earlier figure of the sentence that `want`s, with a noun.
fn antecedent(heads: &[Head], want: impl Fn(&Head) -> bool) -> Option<usize> {
    heads.iter().rposition(|h| want(h) && h.noun.is_some())
}

/// A rule's match, as byte ranges of the repaired text.
struct Hit<'r> {
    span: Range<usize>,
    number: Range<usize>,
    unit: Range<usize>,
    qualifier: Option<Range<usize>>,
    measure: Option<Range<usize>>,
    value: f64,
    rule: &'r RuleRef,
}

/// Where a figure's measure may be written, bytes of the repaired text.
struct Stretch {
    /// The figure's clause (`Context::clause`).
    clause: Range<usize>,
    /// From the clause's start to the figure or its qualifier.
    before: Range<usize>,
    /// From the unit to the clause's end.
    after: Range<usize>,
}

/// A word of the sentence, or a whole entity mention, in bytes of the
/// repaired text. Words cut by a range keep the tag `?`.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    tag: &'t str,
    mention: Option<usize>,
}

/// Single words and marks of the figure grammar. Its closed word classes
/// (scope words, linking words, words of change…) are lexicons, in
/// rules/lexicons/figure_*.txt (`Lexicons::figure_words`).
mod grammar {
    /// The first-person name of the country in Chinese news.
    pub const OUR_COUNTRY: &str = "我国";
    pub const COUNTRY: &str = "中国";
    pub const NATIONAL: &str = "全国";
    /// Quotation marks dropped from a measure's text.
    pub const QUOTES: &[char] = &['“', '”', '‘', '’', '"', '\'', '「', '」', '《', '》'];
}

/// jieba tags of words that can head or fill a noun phrase.
/// `ns`, `nt` and `nr` words that are no mention are common nouns to
/// jieba's mind (城市) or its guess for unknown words (卫星, but also 容纳).
const NOUN_TAGS: &[&str] = &["n", "nz", "vn", "j", "l", "ng", "an", "eng", "nt", "ns", "nr", "nw"];

struct Context<'a, 's> {
    rules: &'a Rules,
    s: &'a Sentence<'s>,
    mentions: &'a [EntityMention],
    text: &'a str,
    /// Period matches of the sentence, bytes of the repaired text, in order.
    periods: Vec<Range<usize>>,
    /// The document's mention of the country, for 我国.
    country: Option<usize>,
}

impl<'a, 's> Context<'a, 's> {
    fn new(rules: &'a Rules, s: &'a Sentence<'s>, mentions: &'a [EntityMention], text: &'a str) -> Self {
        let periods = period_matches(rules, s.text).into_iter().map(|r| s.offset + r.start..s.offset + r.end).collect();
        let country =
            mentions.iter().position(|m| m.ty == EntityType::Place && m.canonical.as_deref() == Some(grammar::COUNTRY));
        Self { rules, s, mentions, text, periods, country }
    }

    fn sentence(&self) -> Range<usize> {
        self.s.offset..self.s.offset + self.s.text.len()
    }

    /// The figure grammar's word classes.
    fn words(&self) -> &'a FigureWords {
        &self.rules.lexicons.figure_words
    }

    // ---- finding figures -------------------------------------------------

    /// Every rule's matches that are figures, earlier rules winning overlaps,
    /// in sentence order.
    fn hits(&self, view: &View) -> Vec<Hit<'a>> {
        let mut hits: Vec<Hit<'a>> = Vec::new();
        let selected = self.rules.prefilters.figures.select(&view.text);
        for rule in selected.of(&self.rules.figure_rules.figures) {
            for caps in rule.regex.captures_iter(&view.text) {
                let group = |name: &str| caps.name(name).map(|g| view.orig(g.range())).filter(|r| !r.is_empty());
                let (Some(number), Some(unit)) = (group("number"), group("unit")) else { continue };
                let Some(value) = numbers::parse_number(&self.text[number.clone()]) else { continue };
                let span = group("text").unwrap_or(number.start..unit.end);
                let hit = Hit {
                    span,
                    number,
                    unit,
                    qualifier: group("qualifier"),
                    measure: group("measure"),
                    value,
                    rule: &rule.rule,
                };
                if !hits.iter().any(|h| overlaps(&h.span, &hit.span)) && self.is_figure(&hit) {
                    hits.push(hit);
                }
            }
        }
        hits.sort_by_key(|h| h.span.start);
        hits
    }

    /// Periods (今年前4个月), durations (17个小时), pieces of a numeral,
    /// ordinals and Chinese numerals glued into other words (统一成本,
    /// 之一成为) are not figures.
    fn is_figure(&self, hit: &Hit<'_>) -> bool {
        if self.periods.iter().any(|p| p.start <= hit.span.start && hit.span.end <= p.end) {
            return false;
        }
        let after = &self.text[hit.unit.end..self.sentence().end];
        if self.text[hit.unit.clone()].ends_with('个')
            && self.words().duration_nouns.iter().any(|w| after.starts_with(w.as_str()))
        {
            return false;
        }
        // A unit that is only a magnitude must not cut a numeral in two
        // (二千三百|八十三家).
        let cuts_numeral = self.text[hit.unit.clone()].ends_with(['十', '百', '千', '万', '亿'])
            && after.starts_with(|c: char| "零〇一二两三四五六七八九十百千".contains(c));
        if cuts_numeral {
            return false;
        }
        // Ordinals: 第十四届 (a rank rule's text keeps its 第 inside the span),
        // and counts that open a name (十四届全国人大, 二十届中央委员会).
        let ordinal = self.text[..hit.span.start].ends_with('第')
            || mentions_within(self.mentions, hit.span.end..hit.span.end + 1)
                .any(|(_, m)| m.ty == EntityType::Organization);
        if ordinal {
            return false;
        }
        let arabic = self.text[hit.number.clone()].starts_with(|c: char| c.is_ascii_digit());
        arabic || (self.at_word_boundary(hit.span.start) && self.at_word_boundary(hit.span.end))
    }

    fn at_word_boundary(&self, byte: usize) -> bool {
        let sentence = self.sentence();
        byte == sentence.start || byte == sentence.end || self.s.bounds.contains(byte - self.s.offset)
    }

    // ---- one figure --------------------------------------------------------

    fn figure(&self, hit: Hit<'_>, earlier: &[FigureMention], heads: &[Head]) -> (FigureMention, Head) {
        let unit = self.text[hit.unit.clone()].to_string();
        let base_unit = base_unit(&unit).to_string();
        let quantity = self.quantity(&hit, &base_unit);
        let clause = self.clause(hit.span.start, heads);
        let stretch = Stretch {
            before: clause.start..hit.qualifier.as_ref().map_or(hit.span.start, |q| q.start.min(hit.span.start)),
            after: hit.unit.end..clause.end,
            clause,
        };
        let found = match &hit.measure {
            Some(m) => Measure::plain(Some(self.text[m.clone()].to_string())),
            None => self.measure(&stretch, quantity, &base_unit, earlier, heads),
        };
        let subject = found.subject.or_else(|| self.subject(hit.span.start, stretch.clause, found.industry));
        let figure = FigureMention {
            text: self.text[hit.span.clone()].to_string(),
            value: hit.value,
            unit,
            qualifier: hit.qualifier.as_ref().map(|q| self.text[q.clone()].to_string()),
            measure: found.text,
            subject,
            period: self.period(hit.span.start),
            start: hit.span.start,
            end: hit.span.end,
            sentence: self.s.index,
            rule: hit.rule.clone(),
        };
        let end = found.end.unwrap_or(hit.span.end).max(hit.span.end);
        (figure, Head { quantity, base_unit, noun: found.noun, end })
    }

    /// 位 ranks in 第12位 but counts people in 5位院士.
    fn quantity(&self, hit: &Hit<'_>, base_unit: &str) -> Quantity {
        if self.text[hit.span.clone()].starts_with(['第', '前']) {
            return Quantity::Rank;
        }
        match self.rules.lexicons.units.get(base_unit).map(String::as_str) {
            Some("count" | "people" | "rank") => Quantity::Count,
            _ => Quantity::Amount,
        }
    }

    /// The clause before a figure: from the last punctuation mark, or the
    /// end of the previous figure and the noun it counts (30家企业营收增速超20%),
    /// to the next mark.
    fn clause(&self, at: usize, heads: &[Head]) -> Range<usize> {
        let sentence = self.sentence();
        let is_mark = |c: char| "，,；;：:。！？!?（）()".contains(c);
        let mut from = self.text[sentence.start..at].rfind(is_mark).map_or(sentence.start, |i| {
            let at = sentence.start + i;
            at + self.text[at..].chars().next().map_or(1, char::len_utf8)
        });
        if let Some(prev) = heads.iter().map(|h| h.end).filter(|&end| end <= at).max() {
            from = from.max(prev);
        }
        let to = self.text[at..sentence.end].find(is_mark).map_or(sentence.end, |i| at + i);
        from..to
    }

    // ---- measure ---------------------------------------------------------

    fn measure(
        &self,
        stretch: &Stretch,
        quantity: Quantity,
        base_unit: &str,
        earlier: &[FigureMention],
        heads: &[Head],
    ) -> Measure {
        if quantity == Quantity::Rank {
            return self.predicate(stretch, quantity, heads);
        }
        if let Some(found) = self.possessed(stretch.after.clone()) {
            return found;
        }
        match quantity {
            Quantity::Count => self.count_measure(stretch, base_unit, earlier, heads),
            _ => self.predicate(stretch, quantity, heads),
        }
    }

    /// A figure written as a modifier of its measure: 140亿美元的外汇储备.
    fn possessed(&self, after: Range<usize>) -> Option<Measure> {
        let words = self.words_in(after);
        let (first, rest) = words.split_first()?;
        if first.text != "的" {
            return None;
        }
        let np = noun_run(rest)?;
        Some(Measure { end: np.last().map(|w| w.end), ..Measure::plain(self.phrase(np)) })
    }

    /// A count's measure: the noun phrase it counts, else what the count
    /// before it in the sentence counts.
    fn count_measure(&self, stretch: &Stretch, base_unit: &str, earlier: &[FigureMention], heads: &[Head]) -> Measure {
        if let Some(np) = noun_run(&self.words_in(stretch.after.clone())) {
            return Measure { end: np.last().map(|w| w.end), ..Measure::plain(self.phrase(np)) };
        }
        if let Some(np) = self.counted_before(stretch.before.clone()) {
            return Measure::plain(Some(np));
        }
        match antecedent(heads, |h| h.quantity == Quantity::Count && h.base_unit == base_unit) {
            Some(i) => self.borrowed(stretch.before.clone(), &heads[i], &earlier[i]),
            None => Measure::default(),
        }
    }

    /// The noun phrase a count counts, written before the number.
    fn counted_before(&self, before: Range<usize>) -> Option<String> {
        let words = self.words_in(before);
        let words = self.strip_lead(self.strip_tail(&words), false);
        counted_np(words).and_then(|np| self.phrase(np))
    }

    /// A count whose clause names no counted thing counts what the figure
    /// before it counted, qualified by the clause: 推出835项成果，其中在国家层面
    /// 复制推广93项 → 在国家层面复制推广的成果, or changes by it (企业4万家，
    /// 比上年增加5600家 → 企业比上年增加). Such a figure is a part of the
    /// earlier one and keeps its subject, unless the clause is only a name
    /// (北京100所), which then is the subject.
    fn borrowed(&self, before: Range<usize>, head: &Head, ante: &FigureMention) -> Measure {
        let noun = head.noun.clone().unwrap_or_default();
        let words = self.words_in(before);
        let words = self.strip_lead(self.strip_tail(&words), true);
        let (text, subject) = match words {
            [] => (noun.clone(), ante.subject),
            [only] if only.mention.is_some() => (noun.clone(), only.mention.filter(|&i| self.is_subject_type(i))),
            _ => match self.phrase(words) {
                Some(p) if self.is_change(&p) => (format!("{noun}{p}"), ante.subject),
                Some(p) => (format!("{p}的{noun}"), ante.subject),
                None => (noun.clone(), ante.subject),
            },
        };
        Measure { text: Some(text), noun: Some(noun), subject, ..Measure::default() }
    }

    /// What an amount or rank measures: the clause's predicate without its
    /// subject. A bare change (同比增长) is the change of the amount before it;
    /// a bare rank (上升至第12位) ranks what the rank before it ranked. With
    /// neither, a predicate of one word (确保, 提供) says nothing: a noun after
    /// the unit (生产10万吨钢材) is the measure, else there is none.
    fn predicate(&self, stretch: &Stretch, quantity: Quantity, heads: &[Head]) -> Measure {
        let words = self.predicate_words(stretch.before.clone(), quantity);
        let industry = self.heading_industry(&words);
        let text = self.phrase(&words);
        if text.is_some() && self.names_a_thing(&words) {
            return Measure { industry, ..Measure::plain(text) };
        }
        let noun = antecedent(heads, |h| quantity == Quantity::Rank || h.quantity == quantity)
            .and_then(|i| heads[i].noun.clone());
        let found = match (noun, text) {
            (Some(n), _) if quantity == Quantity::Rank => Measure::plain(Some(n)),
            (Some(n), Some(t)) if self.is_change(&t) => {
                Measure { text: Some(format!("{n}{t}")), noun: Some(n), ..Measure::default() }
            }
            // jieba tags many measure nouns as verbs (营收, 增速): only a
            // single bare verb other than a change is taken to say nothing.
            // Named nothing: later figures have no noun to borrow from it.
            (_, Some(t)) if words.len() > 1 || self.is_change(&t) => Measure { text: Some(t), ..Measure::default() },
            _ => Measure::plain(noun_run(&self.words_in(stretch.after.clone())).and_then(|np| self.phrase(np))),
        };
        Measure { industry, ..found }
    }

    /// The clause before the number without subject, times and linking
    /// words, and without light verbs (实现营收 → 营收). Of a rank, the verb
    /// and the field go too (居全国第9位, 位列世界前10位): they are not what
    /// is ranked.
    fn predicate_words(&self, before: Range<usize>, quantity: Quantity) -> Vec<Word<'a>> {
        let words = self.words_in(before);
        let mut words = self.strip_lead(self.strip_tail(&words), false);
        if quantity == Quantity::Rank {
            let verbs = words.iter().take_while(|w| w.mention.is_none() && w.tag == "v").count();
            words = self.strip_lead(&words[verbs..], false);
        }
        let light = |i: usize, w: &Word<'_>| self.words().light_verbs.contains(w.text) && i + 1 < words.len();
        words.iter().enumerate().filter(|&(i, w)| !light(i, w)).map(|(_, w)| *w).collect()
    }

    /// An industry heading the predicate is what it measures (规模以上
    /// 高技术制造业增加值); one after a noun is part of a compound (社会消费品).
    fn heading_industry(&self, words: &[Word<'_>]) -> Option<usize> {
        words.iter().enumerate().find_map(|(i, w)| {
            let compound = i > 0 && is_common_noun(&words[i - 1]);
            w.mention.filter(|&m| self.mentions[m].ty == EntityType::Industry && !compound)
        })
    }

    /// Whether a predicate names what it measures: a noun outside a
    /// comparison (比上一年度下降 names nothing; 同比 is no noun either).
    fn names_a_thing(&self, words: &[Word<'_>]) -> bool {
        let mut comparing = false;
        words.iter().any(|w| {
            if self.compares(w) {
                comparing = true;
            } else if matches!(w.tag, "v" | "vd") {
                comparing = false;
            }
            !comparing && self.is_nouny(w) && w.tag != "j"
        })
    }

    /// Drops what stands before the measure: punctuation, times, adverbs,
    /// pronouns, conjunctions, scope words and, unless `keep_names`, the
    /// clause's subject: a name (or 公司 for one) followed by anything but a
    /// noun (前海已有 → 已有). A name before a noun modifies it and stays
    /// (中国经济对于世界经济增长率贡献).
    fn strip_lead<'w>(&self, mut words: &'w [Word<'a>], keep_names: bool) -> &'w [Word<'a>] {
        // Words before a time inside the clause are its topic (活动今天在全国,
        // 港口今年货物吞吐量) when a noun after the time can be the measure
        // (not in 粮食产量连续5年稳定).
        let topic_end =
            (0..words.len()).rev().find(|&t| self.is_time(&words[t]) && !(t > 0 && self.compares(&words[t - 1])));
        if let Some(t) = topic_end.filter(|&t| words[t + 1..].iter().any(|w| self.is_nouny(w))) {
            words = &words[t + 1..];
        }
        while let Some((first, rest)) = words.split_first() {
            let next = rest.first();
            let drop = is_punct(first)
                || self.is_time(first)
                || (self.words().time_prepositions.contains(first.text) && next.is_some_and(|n| self.is_time(n)))
                || matches!(first.tag, "d" | "r" | "c" | "uj" | "ul" | "u")
                || self.words().scope.contains(first.text)
                || (!keep_names
                    && (first.mention.is_some_and(|i| self.mentions[i].ty != EntityType::Industry)
                        || self.words().back_references.contains(first.text))
                    && next.is_none_or(|n| !self.is_nouny(n)));
            if !drop {
                break;
            }
            words = rest;
        }
        words
    }

    /// Drops what stands between the measure and the number: punctuation,
    /// times, adverbs, particles, linking verbs, qualifiers, leftover
    /// numerals (已连续多年超过 → nothing after 贡献), a preposition (从5%;
    /// but 比 ends 占比, which jieba splits, unless its time went: 比2020年),
    /// and a verb of result (升至, 增至, 提高到: the number
    /// is then the level of what comes before).
    fn strip_tail<'w>(&self, mut words: &'w [Word<'a>]) -> &'w [Word<'a>] {
        let mut time_dropped = false;
        while let Some((last, rest)) = words.split_last() {
            let time = self.is_time(last);
            let drop = time
                || is_punct(last)
                || (last.tag == "p" && (time_dropped || last.text != "比"))
                || matches!(last.tag, "d" | "c" | "r" | "m" | "q" | "mq" | "uj" | "ul" | "uz" | "u")
                || self.words().linking.contains(last.text)
                || self.words().tail_function_words.contains(last.text)
                || self.words().light_verbs.contains(last.text)
                || (last.tag == "v" && last.text.chars().count() >= 2 && last.text.ends_with(['至', '到', '为']))
                || self.rules.lexicons.qualifiers.iter().any(|q| q == last.text)
                || self.rules.lexicons.postfix_qualifiers.iter().any(|q| q == last.text);
            if !drop {
                break;
            }
            time_dropped = time;
            words = rest;
        }
        words
    }

    /// The text of a phrase without spaces and quotation marks; `None` when
    /// too short or long to be a measure.
    fn phrase(&self, words: &[Word<'_>]) -> Option<String> {
        let text: String = words
            .iter()
            .flat_map(|w| w.text.chars())
            .filter(|c| !c.is_whitespace() && !grammar::QUOTES.contains(c))
            .collect();
        (2..=24).contains(&text.chars().count()).then_some(text)
    }

    /// The sentence's words within `range`, a mention standing as one word.
    fn words_in(&self, range: Range<usize>) -> Vec<Word<'a>> {
        let mut names: Vec<(usize, &EntityMention)> = self
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.nested && range.start <= m.start && m.end <= range.end)
            .collect();
        names.sort_by_key(|(_, m)| m.start);
        let mut out: Vec<Word<'a>> = Vec::new();
        let mut names = names.into_iter().peekable();
        let sentence_text: &'a str = &self.text[self.sentence()];
        for tok in &self.s.tokens {
            let (start, end) = (self.s.offset + tok.start, self.s.offset + tok.end);
            let (a, b) = (start.max(range.start), end.min(range.end));
            if a >= b || out.last().is_some_and(|w| w.end > a) {
                continue;
            }
            if let Some(&(i, m)) = names.peek().filter(|(_, m)| m.start < b) {
                out.push(Word {
                    start: m.start,
                    end: m.end,
                    text: &self.text[m.start..m.end],
                    tag: "ENT",
                    mention: Some(i),
                });
                names.next();
                continue;
            }
            let tag = if (a, b) == (start, end) { tok.tag } else { "?" };
            let text = &sentence_text[a - self.s.offset..b - self.s.offset];
            out.push(Word { start: a, end: b, text, tag, mention: None });
        }
        out
    }

    fn is_nouny(&self, w: &Word<'_>) -> bool {
        match w.mention {
            Some(i) => matches!(self.mentions[i].ty, EntityType::Industry | EntityType::Organization),
            None => NOUN_TAGS.contains(&w.tag),
        }
    }

    fn is_time(&self, w: &Word<'_>) -> bool {
        // A word that begins inside a period belongs to it (1996年|度).
        w.mention.is_none() && (w.tag == "t" || self.periods.iter().any(|p| p.start <= w.start && w.start < p.end))
    }

    fn is_subject_type(&self, i: usize) -> bool {
        matches!(self.mentions[i].ty, EntityType::Place | EntityType::Organization)
    }

    /// Whether `text` holds a word of change (增长, 下降).
    fn is_change(&self, text: &str) -> bool {
        self.words().changes.iter().any(|c| text.contains(c.as_str()))
    }

    /// A preposition of comparison; jieba may glue it to what follows (比上/年度).
    fn compares(&self, w: &Word<'_>) -> bool {
        self.words().comparison.iter().any(|c| w.text.starts_with(c.as_str()))
            && !is_common_noun(w)
            && w.mention.is_none()
    }

    // ---- subject -----------------------------------------------------------

    fn subject(&self, at: usize, clause: Range<usize>, industry: Option<usize>) -> Option<usize> {
        let sentence = self.sentence();
        let paragraph = self.text[..sentence.start].rfind('\n').map_or(0, |i| i + 1);
        self.nearest_before(clause.start..at)
            .or_else(|| self.nearest_before(sentence.start..clause.start))
            .or(industry)
            .or_else(|| self.national(clause.start..at))
            .or_else(|| self.nearest_before(paragraph..sentence.start))
            .or_else(|| self.candidates(at..sentence.end).first().map(|&(_, i)| i))
    }

    /// 全国 before a figure (全国规模以上工业增加值) speaks of the country, but
    /// weakly: 居全国第9位 ranks a place named before it.
    fn national(&self, range: Range<usize>) -> Option<usize> {
        self.country.filter(|_| self.text[range].contains(grammar::NATIONAL))
    }

    fn nearest_before(&self, range: Range<usize>) -> Option<usize> {
        self.candidates(range).last().map(|&(_, i)| i)
    }

    /// Places and organizations within `range`, with 我国 standing for the
    /// country, by position; not sources nor affiliations (`is_source`).
    fn candidates(&self, range: Range<usize>) -> Vec<(usize, usize)> {
        let mut found: Vec<(usize, usize)> = mentions_within(self.mentions, range.clone())
            .filter(|&(i, m)| !m.nested && self.is_subject_type(i) && m.end <= range.end)
            .filter(|(_, m)| !self.is_source(m.end))
            .map(|(i, m)| (m.start, i))
            .collect();
        if let Some(country) = self.country {
            let slice = &self.text[range.clone()];
            found.extend(slice.match_indices(grammar::OUR_COUNTRY).map(|(at, _)| (range.start + at, country)));
        }
        found.sort_unstable();
        found
    }

    /// A name is no subject when it is the source of the statistic
    /// (统计局15日发布, 海关数据显示) or a speaker's affiliation (清华大学教授张明).
    fn is_source(&self, name_end: usize) -> bool {
        // A date may stand between: 国家统计局15日发布.
        let after = self.text[name_end..]
            .trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || "年月日号".contains(c));
        let lex = &self.rules.lexicons;
        self.words().sources.iter().any(|w| after.starts_with(w.as_str()))
            || lex.speech_verbs.iter().any(|v| after.starts_with(v.as_str()))
            || lex.titles.iter().any(|t| after.starts_with(t.as_str()))
            || mentions_within(self.mentions, name_end..name_end + 1).any(|(_, m)| m.ty == EntityType::Person)
    }

    // ---- period ------------------------------------------------------------

    fn period(&self, at: usize) -> Option<String> {
        let sentence = self.sentence();
        let paragraph = self.text[..sentence.start].rfind('\n').map_or(0, |i| i + 1);
        let earlier = period_matches(self.rules, &self.text[paragraph..sentence.start]);
        let found = self
            .periods
            .iter()
            .rev()
            .find(|p| p.end <= at)
            .cloned()
            .or_else(|| earlier.last().map(|r| paragraph + r.start..paragraph + r.end))
            .or_else(|| self.periods.iter().find(|p| p.start >= at).cloned())?;
        Some(self.text[found].chars().filter(|c| !c.is_whitespace()).collect())
    }
}

/// The period patterns' matches in `text`, in order, none inside another.
fn period_matches(rules: &Rules, text: &str) -> Vec<Range<usize>> {
    let selected = rules.prefilters.periods.select(text);
    let mut all: Vec<Range<usize>> =
        selected.of(&rules.figure_rules.periods).flat_map(|p| p.regex.find_iter(text).map(|m| m.range())).collect();
    all.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in all {
        if out.last().is_none_or(|l| r.start >= l.end) {
            out.push(r);
        }
    }
    out
}

/// The unit without magnitude and approximation: 万家 → 家, 多亿元 → 元.
fn base_unit(unit: &str) -> &str {
    unit.trim_start_matches(['多', '余']).trim_start_matches(['万', '亿', '千', '百'])
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn is_punct(w: &Word<'_>) -> bool {
    w.mention.is_none()
        && (w.tag == "x"
            || w.text.chars().all(|c| {
                c.is_whitespace() || c.is_ascii_punctuation() || grammar::QUOTES.contains(&c) || "、…—".contains(c)
            }))
}

fn is_common_noun(w: &Word<'_>) -> bool {
    w.mention.is_none() && NOUN_TAGS.contains(&w.tag)
}

/// A word that can end a noun phrase of things. Two-character abbreviations
/// (jieba's `j`) are mostly adverbial (年均, 同比, 环比), so they only modify;
/// verbal nouns (投资, 动员) name activities, not things to count; jieba's
/// guessed names (`nr`) are as often verbs (容纳) as nouns, and end a phrase
/// only after another word of it (发行的银行卡).
fn is_head(w: &Word<'_>) -> bool {
    is_common_noun(w) && !matches!(w.tag, "vn" | "nr") && !(w.tag == "j" && w.text.chars().count() <= 2)
}

/// The noun phrase right after a classifier (835项制度创新成果): nouns and
/// modifiers, with a verb only between two common nouns (制度/创新/成果, not
/// 记者/汇集/蓉城), ending on a noun.
fn noun_run<'w, 't>(words: &'w [Word<'t>]) -> Option<&'w [Word<'t>]> {
    let mut n = 0;
    while let Some(w) = words.get(n) {
        let modifier = w.mention.is_none() && matches!(w.tag, "b" | "a" | "s");
        let inner_verb = w.tag == "v"
            && n > 0
            && is_common_noun(&words[n - 1])
            && words
                .get(n + 1)
                .is_some_and(|next| next.mention.is_none() && matches!(next.tag, "n" | "vn" | "nz" | "l"));
        if !(is_common_noun(w) || modifier || inner_verb) {
            break;
        }
        n += 1;
    }
    while n > 0 && !(is_head(&words[n - 1]) || (words[n - 1].tag == "nr" && n > 1)) {
        n -= 1;
    }
    (n > 0).then(|| &words[..n])
}

/// The counted noun phrase of a clause before its number. A phrase with 的
/// is a noun with its relative clause (在前海注册的外资企业) and stays whole
/// when only nouns follow the 的. Otherwise the leading verb goes (有科技企业
/// → 科技企业) with any determiner after it (集聚各类创新载体 → 创新载体); of
/// several leading verbs the last, touching the noun, modifies it
/// (发现来参会企业 → 参会企业).
fn counted_np<'w, 't>(words: &'w [Word<'t>]) -> Option<&'w [Word<'t>]> {
    let ends_on_noun = |ws: &[Word<'_>]| {
        ws.last().is_some_and(|w| is_head(w) || w.mention.is_some() || (w.tag == "nr" && ws.len() > 1))
    };
    if let Some(de) = words.iter().rposition(|w| w.text == "的") {
        let head = &words[de + 1..];
        let nominal = head.iter().all(|w| is_common_noun(w) || w.mention.is_some() || matches!(w.tag, "b" | "s" | "a"));
        return (nominal && !head.is_empty() && ends_on_noun(words)).then_some(words);
    }
    let is_verb = |w: &Word<'_>| w.mention.is_none() && matches!(w.tag, "v" | "vd" | "vg" | "?");
    let verbs = words.iter().take_while(|w| is_verb(w)).count();
    let keep_last = verbs >= 2 && words.get(verbs).is_some_and(is_common_noun);
    let mut rest = &words[verbs - usize::from(keep_last)..];
    while rest.first().is_some_and(|w| is_punct(w) || (w.mention.is_none() && matches!(w.tag, "r" | "m" | "mq" | "q")))
    {
        rest = &rest[1..];
    }
    if rest.first().is_some_and(|w| w.tag == "p") {
        return None; // 在全国500个: where the count is, not what is counted
    }
    (!rest.is_empty() && ends_on_noun(rest)).then_some(rest)
}

#[cfg(test)]
mod tests;
