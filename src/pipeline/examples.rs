//! Rule examples: each rule may carry sentences with the facts it must
//! (`expect`) and must not (`reject`) yield. This runs them through the whole
//! pipeline, so an example fails when any stage (repair, segmentation,
//! another rule winning an overlap) keeps the rule from doing its job.
//!
//! Input: a `Pipeline` built from a rules folder. Output: one `ExampleFailure`
//! per expectation that does not hold, with the rule's file and line.
//!
//! Facts are written as the rule files write them:
//! entities `深圳市`; relations `张伟 affiliation 南方大学 副校长` (role optional);
//! quotes `刘洋: 这是新的机遇` (a prefix of the statement); figures `835项`.

use std::fmt;

use super::Pipeline;
use crate::input::Document;
use crate::model::{DocFacts, EntityType, RuleRef};
use crate::rules::raw::RawExample;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: RuleRef,
    pub text: String,
    pub message: String,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: rule `{}`: example “{}”: {}",
            self.rule.file(),
            self.rule.line(),
            self.rule.id(),
            self.text,
            self.message
        )
    }
}

/// What kind of fact a rule's examples speak of.
#[derive(Clone, Copy)]
enum Facts {
    Entities(EntityType),
    Relations,
    Quotes,
    Figures,
}

/// Runs every example of every rule; returns the number of examples run and
/// the failures.
pub fn run_examples(pipeline: &Pipeline) -> (usize, Vec<ExampleFailure>) {
    let rules = &pipeline.rules;
    let mut cases: Vec<(&RuleRef, &RawExample, Facts)> = Vec::new();
    for r in &rules.entity_rules {
        cases.extend(r.examples.iter().map(|e| (&r.rule, e, Facts::Entities(r.ty))));
    }
    for r in &rules.relation_rules {
        cases.extend(r.pattern.examples.iter().map(|e| (&r.pattern.rule, e, Facts::Relations)));
    }
    for r in &rules.quote_rules {
        cases.extend(r.pattern.examples.iter().map(|e| (&r.pattern.rule, e, Facts::Quotes)));
    }
    for r in &rules.figure_rules.figures {
        cases.extend(r.examples.iter().map(|e| (&r.rule, e, Facts::Figures)));
    }
    let mut failures = Vec::new();
    for (rule, example, kind) in &cases {
        let facts = pipeline.run(&Document::from_text("example", &example.text));
        let found = render(&facts, *kind);
        for want in &example.expect {
            if !found.iter().any(|f| matches(f, want, *kind)) {
                failures.push(failure(rule, example, format!("expected `{want}`, found {found:?}")));
            }
        }
        for unwanted in &example.reject {
            if found.iter().any(|f| matches(f, unwanted, *kind)) {
                failures.push(failure(rule, example, format!("must not yield `{unwanted}`")));
            }
        }
    }
    (cases.len(), failures)
}

fn failure(rule: &RuleRef, example: &RawExample, message: String) -> ExampleFailure {
    ExampleFailure { rule: rule.clone(), text: example.text.clone(), message }
}

/// The facts of one kind, written as rule files write them.
fn render(facts: &DocFacts, kind: Facts) -> Vec<String> {
    match kind {
        Facts::Entities(ty) => facts
            .mentions
            .iter()
            .filter(|m| m.entity.ty == ty)
            .flat_map(|m| [m.surface.clone(), m.entity.name.clone()])
            .collect(),
        Facts::Relations => facts
            .relations
            .iter()
            .map(|r| {
                let base = format!("{} {} {}", r.subject.name, r.kind, r.object.name);
                r.role.as_ref().map_or(base.clone(), |role| format!("{base} {role}"))
            })
            .collect(),
        Facts::Quotes => facts.quotes.iter().map(|q| format!("{}: {}", q.speaker.name, q.text)).collect(),
        Facts::Figures => facts.figures.iter().map(|f| f.text.clone()).collect(),
    }
}

/// Relations may leave the role out; quotes give a prefix of the statement.
fn matches(found: &str, want: &str, kind: Facts) -> bool {
    match kind {
        Facts::Relations => found == want || (want.split(' ').count() == 3 && found.starts_with(&format!("{want} "))),
        Facts::Quotes => found.starts_with(want),
        _ => found == want,
    }
}
