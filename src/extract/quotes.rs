//! Quotes: who said what.
//!
//! Input: the repaired text, its sentences and the entity mentions. Output:
//! one `QuoteMention` per attributed statement. Data: the rules of
//! quotes.toml, regexes over the placeholder view of a whole paragraph,
//! because a quotation often ends one sentence and its speaker opens the next
//! (“……。”刘洋介绍). The group `speaker` is a person placeholder or a
//! pronoun (他, 她), which refers to the last person named before it.
//!
//! What the regexes cannot say is settled here, after every rule has run:
//! quotations written back to back with a matched one (“……”“……”) get its
//! speaker; a quotation claimed both by a speaker before it and by one after
//! it belongs to the one before (X指出，“A”，Y强调); a statement reported
//! after a quote's own speaker (“A”X说，B) continues that quote and is not a
//! statement of its own.

use std::ops::Range;

use super::view::{mentions_within, View};
use super::{EntityMention, QuoteMention, Sentence};
use crate::model::EntityType;
use crate::rules::{Lexicons, QuoteRule, Rules};

/// A quote and the word that names its speaker (a name, or 他/她).
struct Found {
    quote: QuoteMention,
    cue: Range<usize>,
}

impl Found {
    /// True when the speaker is named after the statement (“……”X说).
    fn cue_after(&self) -> bool {
        self.cue.start >= self.quote.end
    }
}

pub fn extract(rules: &Rules, text: &str, sentences: &[Sentence<'_>], mentions: &[EntityMention]) -> Vec<QuoteMention> {
    let mut found: Vec<Found> = Vec::new();
    for para in paragraphs(text, sentences) {
        // A quote needs a speaker: a person, or 他/她 referring to one. Most
        // paragraphs have neither, and need not be searched by every rule.
        if !has_possible_speaker(&text[para.clone()], para.start, mentions) {
            continue;
        }
        let view = View::over(&text[para.clone()], para.start, mentions, |_, m| !m.nested);
        let scope = Scope { lexicons: &rules.lexicons, text, para: para.clone(), sentences, mentions, view: &view };
        let selected = rules.prefilters.quotes.select(&view.text);
        for rule in selected.of(&rules.quote_rules) {
            scope.quotes_of_rule(rule, &mut found);
        }
    }
    settle(found)
}

/// One paragraph and what its matches are read against.
struct Scope<'a> {
    lexicons: &'a Lexicons,
    text: &'a str,
    para: Range<usize>,
    sentences: &'a [Sentence<'a>],
    mentions: &'a [EntityMention],
    view: &'a View,
}

impl Scope<'_> {
    fn quotes_of_rule(&self, rule: &QuoteRule, out: &mut Vec<Found>) {
        for caps in rule.pattern.regex.captures_iter(&self.view.text) {
            let cue_view = caps.name("speaker").expect("checked at compile time").range();
            let cue = self.view.orig(cue_view.clone());
            let Some(speaker) = self.speaker(cue_view, &cue) else { continue };
            let statement = self.view.orig(caps.name("statement").expect("checked at compile time").range());
            let whole = self.view.orig(caps.get(0).expect("group 0").range());
            let sentence = sentence_at(self.sentences, whole.start);
            let mut push = |statement: Range<usize>| {
                if let Some(quote) = self.quote(rule, speaker, statement, sentence) {
                    out.push(Found { quote, cue: cue.clone() });
                }
            };
            push(statement.clone());
            if rule.direct && self.text[..statement.start].ends_with('“') {
                let backward = cue.start >= statement.end;
                chained(self.text, &self.para, statement, backward).into_iter().for_each(&mut push);
            }
        }
    }

    /// The person a `speaker` group names: its mention, or what a pronoun
    /// used as a subject refers to.
    fn speaker(&self, cue_view: Range<usize>, cue: &Range<usize>) -> Option<usize> {
        // (对)X来说 is "as for X"; in X的Y说 it is Y who speaks.
        let after = &self.text[cue.end..];
        if after.starts_with("来说") || after.starts_with('的') {
            return None;
        }
        match self.view.mention_at(cue_view.start, cue_view.end) {
            Some(i) => (self.mentions[i].ty == EntityType::Person).then_some(i),
            None if pronoun_is_subject(self.lexicons, self.text, cue) => antecedent(self.mentions, cue.start),
            None => None,
        }
    }

    fn quote(
        &self,
        rule: &QuoteRule,
        speaker: usize,
        statement: Range<usize>,
        sentence: usize,
    ) -> Option<QuoteMention> {
        let words = self.text[statement.clone()].trim_matches(|c: char| c.is_whitespace() || "“”\"「」".contains(c));
        (words.chars().count() >= 4).then(|| QuoteMention {
            speaker,
            text: words.to_string(),
            direct: rule.direct,
            start: statement.start,
            end: statement.end,
            sentence,
            rule: rule.pattern.rule.clone(),
        })
    }
}

/// True when the paragraph at `offset` mentions a person or says 他 or 她.
fn has_possible_speaker(para: &str, offset: usize, mentions: &[EntityMention]) -> bool {
    para.contains(['他', '她'])
        || mentions_within(mentions, offset..offset + para.len()).any(|(_, m)| m.ty == EntityType::Person && !m.nested)
}

/// 他 and 她 name a speaker only as a subject: not as the object of a
/// preposition or verb (对她说, 让他), nor inside 其他, 吉他 (both after a
/// character of lexicons/pronoun_governing_chars.txt), nor 他们, 她们, 他人.
fn pronoun_is_subject(lex: &Lexicons, text: &str, word: &Range<usize>) -> bool {
    let before = text[..word.start].chars().next_back();
    let after = text[word.end..].chars().next();
    !before.is_some_and(|c| lex.pronoun_governing.contains(&c)) && !after.is_some_and(|c| "们人".contains(c))
}

/// The last person mentioned before `at`: what 他 or 她 refers to.
fn antecedent(mentions: &[EntityMention], at: usize) -> Option<usize> {
    mentions.iter().rposition(|m| m.ty == EntityType::Person && !m.nested && m.end <= at)
}

/// What may stand between two quotations of one list: “……”、“……”……“……”.
const LIST_SEPARATORS: [&str; 4] = ["、", "……", "…", "；"];
const OPEN: &str = "“";
const CLOSE: &str = "”";

/// The quotations written back to back with the one whose inside is `first`,
/// within the paragraph `para`: those before it when `backward` (“A”“B”X说),
/// else those after it (X指出：“A”“B”).
fn chained(text: &str, para: &Range<usize>, first: Range<usize>, backward: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = if backward { first.start - OPEN.len() } else { first.end };
    loop {
        let next = if backward { previous_quotation(text, para.start, at) } else { next_quotation(text, para.end, at) };
        let Some(inside) = next else { break };
        at = if backward { inside.start - OPEN.len() } else { inside.end };
        out.push(inside);
    }
    out
}

/// The inside of the quotation that closes right before byte `end` (list
/// separators aside) and opens after `floor`.
fn previous_quotation(text: &str, floor: usize, end: usize) -> Option<Range<usize>> {
    let mut before = &text[floor..end];
    while let Some(sep) = LIST_SEPARATORS.iter().find(|s| before.ends_with(*s)) {
        before = &before[..before.len() - sep.len()];
    }
    let close = before.strip_suffix(CLOSE)?.len();
    let open = before[..close].rfind(OPEN)?;
    let inside = open + OPEN.len()..close;
    (!before[inside.clone()].contains(CLOSE)).then(|| floor + inside.start..floor + inside.end)
}

/// The inside of the quotation that opens right after the quotation closing
/// at byte `start` (list separators aside) and closes before `ceiling`.
fn next_quotation(text: &str, ceiling: usize, start: usize) -> Option<Range<usize>> {
    let mut after = text[start..ceiling].strip_prefix(CLOSE)?;
    while let Some(sep) = LIST_SEPARATORS.iter().find(|s| after.starts_with(*s)) {
        after = &after[sep.len()..];
    }
    let inside = after.strip_prefix(OPEN)?;
    let close = inside.find(CLOSE)?;
    let from = ceiling - inside.len();
    (!inside[..close].contains(OPEN)).then(|| from..from + close)
}

/// Resolves conflicts between the matches of all rules; see the module
/// documentation.
fn settle(mut found: Vec<Found>) -> Vec<QuoteMention> {
    // A quotation introduced by a speaker is not also said by the next one.
    let introduced: Vec<usize> = found.iter().filter(|f| !f.cue_after()).map(|f| f.quote.start).collect();
    found.retain(|f| !(f.cue_after() && introduced.contains(&f.quote.start)));
    // Reported speech found inside a direct quote of the same speaker.
    let direct: Vec<(usize, Range<usize>)> =
        found.iter().filter(|f| f.quote.direct).map(|f| (f.quote.speaker, f.quote.start..f.quote.end)).collect();
    found.retain(|f| {
        f.quote.direct
            || !direct.iter().any(|(s, r)| *s == f.quote.speaker && r.start < f.quote.end && f.quote.start < r.end)
    });
    // “A”X说，B: B continues A.
    let quoted_before: Vec<Range<usize>> = found.iter().filter(|f| f.cue_after()).map(|f| f.cue.clone()).collect();
    found.retain(|f| f.cue_after() || !quoted_before.contains(&f.cue));
    let mut out: Vec<QuoteMention> = found.into_iter().map(|f| f.quote).collect();
    out.sort_by_key(|q| (q.start, q.end));
    out.dedup_by(|a, b| a.start == b.start && a.speaker == b.speaker);
    out
}

/// Byte ranges of paragraphs: runs of sentences with no line break between.
fn paragraphs(text: &str, sentences: &[Sentence<'_>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for s in sentences {
        let (start, end) = (s.offset, s.offset + s.text.len());
        match out.last_mut() {
            Some(last) if !text[last.end..start].contains('\n') => last.end = end,
            _ => out.push(start..end),
        }
    }
    out
}

pub(crate) fn sentence_at(sentences: &[Sentence<'_>], byte: usize) -> usize {
    let i = sentences.partition_point(|s| s.offset <= byte);
    sentences[i.saturating_sub(1)].index
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::input::Document;
    use crate::model::DocId;

    use crate::pipeline::shipped as pipeline;

    /// Every quote of `text` as `speaker: statement`.
    fn quotes(text: &str) -> Vec<String> {
        let doc = Document {
            id: DocId("t".into()),
            file_name: String::new(),
            path: Default::default(),
            source: text.to_string(),
        };
        pipeline().run(&doc).quotes.iter().map(|q| format!("{}: {}", q.speaker.name, q.text)).collect()
    }

    /// Asserts that `text` has no quote although `person` is recognized.
    #[track_caller]
    fn assert_no_quote(text: &str, person: &str) {
        let doc = Document {
            id: DocId("t".into()),
            file_name: String::new(),
            path: Default::default(),
            source: text.to_string(),
        };
        let facts = pipeline().run(&doc);
        assert!(facts.mentions.iter().any(|m| m.entity.name == person), "{text}: {person} is not recognized");
        assert_quotes(text, &[]);
    }

    /// Asserts that the quotes of `text` begin, in order, with `expected`.
    #[track_caller]
    fn assert_quotes(text: &str, expected: &[&str]) {
        let found = quotes(text);
        let ok = found.len() == expected.len() && found.iter().zip(expected).all(|(f, e)| f.starts_with(e));
        assert!(ok, "{text}\n  expected {expected:?}\n  found    {found:?}");
    }

    #[test]
    fn speaker_after_quote() {
        assert_quotes("“今年的订单已经排到了年底。”陈立新说。", &["陈立新: 今年的订单已经排到了年底"]);
    }

    #[test]
    fn titled_speaker_after_utterance() {
        assert_quotes("“技术要自己掌握。”南方大学副校长赵明华说。", &["赵明华: 技术要自己掌握"]);
    }

    #[test]
    fn utterance_then_its_speaker_without_speech_verb() {
        assert_quotes("“把论文写在大地上。”农业研究院研究员孙晓峰委员定下目标。", &["孙晓峰: 把论文写在大地上"]);
    }

    #[test]
    fn quoted_name_before_a_person_is_no_quote() {
        assert_no_quote("“智慧农场”负责人孙晓峰介绍了情况。", "孙晓峰");
    }

    #[test]
    fn speaker_before_quote_with_title_and_frame() {
        assert_quotes("去年5月，林志强主任在江南考察时强调：“要把创新摆在首位。”", &["林志强: 要把创新摆在首位"]);
    }

    #[test]
    fn quoted_name_inside_the_frame() {
        assert_quotes("王海燕在“未来城市”论坛上指出：“城市要为人服务。”", &["王海燕: 城市要为人服务"]);
    }

    #[test]
    fn quotations_back_to_back_after_colon() {
        assert_quotes(
            "郑国平指出：“要牢牢把握首要任务”“要防止一哄而上”。",
            &["郑国平: 要牢牢把握首要任务", "郑国平: 要防止一哄而上"],
        );
    }

    #[test]
    fn quotations_listed_before_remarks() {
        assert_quotes(
            "“发展是第一要务”“人才是第一资源”……陈立新主任一系列重要论述，指明了方向。",
            &["陈立新: 发展是第一要务", "陈立新: 人才是第一资源"],
        );
    }

    #[test]
    fn speech_verb_in_a_later_clause() {
        assert_quotes("赵明华围绕乡村振兴作出部署，强调“要让农民过上好日子”。", &["赵明华: 要让农民过上好日子"]);
    }

    #[test]
    fn later_clause_with_another_subject_is_not_the_speaker() {
        assert_no_quote("赵明华来到车间，工人们说：“今年订单很多。”", "赵明华");
    }

    #[test]
    fn quote_after_colon_without_speech_verb() {
        assert_quotes("南方集团董事长孙晓峰代表信心十足：“今年产值要再翻一番。”", &["孙晓峰: 今年产值要再翻一番"]);
    }

    #[test]
    fn reported_with_titled_speaker_and_frame() {
        assert_quotes("南方研究院院长林志强在“发展论坛”访谈节目上说，各地要因地制宜。", &["林志强: 各地要因地制宜"]);
    }

    #[test]
    fn reported_statement_keeps_its_quoted_words() {
        assert_quotes("王海燕表示，要抓住“数字化”这个机遇。", &["王海燕: 要抓住“数字化”这个机遇"]);
    }

    #[test]
    fn reported_after_verb_object_and_colon() {
        assert_quotes("郑国平在访谈中用三个词来概括这一变化：城市更绿了，生活更好了。", &["郑国平: 城市更绿了"]);
    }

    #[test]
    fn in_view_of_titled_speaker() {
        assert_quotes("在南方研究院研究员赵明华委员看来，人才是根本。", &["赵明华: 人才是根本"]);
    }

    #[test]
    fn in_view_of_pronoun() {
        assert_quotes("陈立新来到这里。在她看来，这里大有可为。", &["陈立新: 这里大有可为"]);
    }

    #[test]
    fn interview_turns() {
        assert_quotes("孙晓峰：发展新质生产力要因地制宜。", &["孙晓峰: 发展新质生产力要因地制宜"]);
        assert_quotes("**孙晓峰：**发展新质生产力要因地制宜。", &["孙晓峰: 发展新质生产力要因地制宜"]);
    }

    #[test]
    fn reported_after_quote_continues_it() {
        assert_quotes("“这是新的机遇。”林志强说，全区已建成三个园区。", &["林志强: 这是新的机遇"]);
    }

    #[test]
    fn quote_after_quote_and_speaker_continues_it() {
        assert_quotes("“这是新的机遇。”林志强指出，“我们要抓住它。”", &["林志强: 这是新的机遇"]);
    }

    #[test]
    fn introduced_quote_keeps_its_speaker() {
        assert_quotes(
            "王海燕指出，“创新是第一动力”，郑国平强调，“人才是第一资源”。",
            &["王海燕: 创新是第一动力", "郑国平: 人才是第一资源"],
        );
    }

    #[test]
    fn pronoun_as_object_is_not_a_speaker() {
        assert_no_quote("陈立新来到村里。老师笑着对他说：“你要好好学习。”", "陈立新");
    }

    #[test]
    fn plural_pronouns_are_not_speakers() {
        assert_no_quote("陈立新来了。他们表示，会议开得很好。", "陈立新");
        assert_no_quote("陈立新来了。其他代表表示，会议开得很好。", "陈立新");
    }

    #[test]
    fn possessor_is_not_the_speaker() {
        assert_no_quote("赵明华的秘书说，会议推迟到明天。", "赵明华");
    }

    #[test]
    fn possessor_of_a_later_speaker_is_not_the_speaker() {
        assert_no_quote("“这是我们的心愿。”赵明华的父亲说。", "赵明华");
        assert_no_quote("赵明华的母亲含泪说道：“孩子长大了。”", "赵明华");
    }

    #[test]
    fn as_for_is_not_speech() {
        assert_no_quote("对孙晓峰来说，这是一次难得的机会。", "孙晓峰");
    }

    #[test]
    fn noun_after_light_verb_is_not_speech() {
        assert_no_quote("陈立新作了说明，大家都很满意。", "陈立新");
    }

    #[test]
    fn pronoun_subject_or_object() {
        let at = |text: &str| {
            let i = text.find(['他', '她']).expect("a pronoun");
            pronoun_is_subject(&pipeline().rules.lexicons, text, &(i..i + 3))
        };
        assert!(at("，他说"));
        assert!(at("在她看来"));
        assert!(!at("对他说"));
        assert!(!at("他们说"));
        assert!(!at("其他人说"));
    }

    #[test]
    fn chained_quotations() {
        let text = "“甲乙丙丁”、“戊己庚辛”……“子丑寅卯”张三说";
        let inside = |s: &str| {
            let i = text.find(s).expect("in text");
            i..i + s.len()
        };
        let back = chained(text, &(0..text.len()), inside("子丑寅卯"), true);
        assert_eq!(back, vec![inside("戊己庚辛"), inside("甲乙丙丁")]);
        let forward = chained(text, &(0..text.len()), inside("甲乙丙丁"), false);
        assert_eq!(forward, vec![inside("戊己庚辛"), inside("子丑寅卯")]);
    }
}
