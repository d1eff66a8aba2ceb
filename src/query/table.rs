//! SELECT results as an aligned text table for a terminal.
//!
//! Literals are shown by their text, IRIs as `prefix:name` when a vocabulary
//! prefix fits and `<iri>` otherwise, unbound variables as empty cells. Widths
//! count display columns (CJK characters are two wide), so columns line up.
//! Cells wider than 80 columns are cut with `…`, so one long sentence does
//! not push the other columns off screen; csv, tsv and json give full values.

use std::io::Write;

use oxigraph::model::Term;
use oxigraph::sparql::QuerySolutionIter;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::QueryError;
use crate::export::vocab::PREFIXES;

const MAX_CELL_WIDTH: usize = 80;

pub(super) fn write(solutions: QuerySolutionIter<'_>, w: &mut impl Write) -> Result<(), QueryError> {
    let variables = solutions.variables().to_vec();
    let header: Vec<String> = variables.iter().map(ToString::to_string).collect();
    let mut rows = Vec::new();
    for solution in solutions {
        let solution = solution?;
        rows.push(variables.iter().map(|v| solution.get(v).map(cell).unwrap_or_default()).collect());
    }
    let widths = column_widths(&header, &rows);
    write_row(w, &header, &widths)?;
    let rules: Vec<String> = widths.iter().map(|&n| "-".repeat(n)).collect();
    write_row(w, &rules, &widths)?;
    for row in &rows {
        write_row(w, row, &widths)?;
    }
    let plural = if rows.len() == 1 { "" } else { "s" };
    writeln!(w, "({} row{plural})", rows.len())?;
    Ok(())
}

fn column_widths(header: &[String], rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    widths
}

/// Cells padded to their column's width, two spaces apart, the last one
/// unpadded so lines carry no trailing spaces.
fn write_row(w: &mut impl Write, cells: &[String], widths: &[usize]) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, (cell, &width)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        if i + 1 < cells.len() {
            line.push_str(&" ".repeat(width.saturating_sub(cell.width())));
        }
    }
    writeln!(w, "{}", line.trim_end())
}

fn cell(term: &Term) -> String {
    let text = match term {
        Term::NamedNode(n) => compact(n.as_str()),
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    };
    // A line break or tab inside a cell would break the alignment.
    let text = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    clip(text, MAX_CELL_WIDTH)
}

/// Cuts `text` to at most `max` display columns, ending with `…` if cut.
fn clip(text: String, max: usize) -> String {
    if text.width() <= max {
        return text;
    }
    let mut clipped = String::new();
    let mut width = 0;
    for c in text.chars() {
        width += c.width().unwrap_or(0);
        if width + 1 > max {
            break;
        }
        clipped.push(c);
    }
    clipped.push('…');
    clipped
}

/// `schema:Person` for IRIs in a known namespace with a plain local name.
fn compact(iri: &str) -> String {
    let prefixed = PREFIXES.iter().find_map(|(name, ns)| {
        let local = iri.strip_prefix(ns)?;
        let plain = !local.is_empty() && local.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        plain.then(|| format!("{name}:{local}"))
    });
    prefixed.unwrap_or_else(|| format!("<{iri}>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_known_namespaces_only() {
        assert_eq!(compact("http://schema.org/Person"), "schema:Person");
        assert_eq!(compact("https://w3id.org/zhkg/id/person/王锦侠"), "<https://w3id.org/zhkg/id/person/王锦侠>");
    }

    #[test]
    fn long_cells_are_clipped_by_display_width() {
        assert_eq!(clip("前海累计推出".into(), 7), "前海累…");
        assert_eq!(clip("前海累计推出".into(), 12), "前海累计推出");
        assert_eq!(clip("abcdef".into(), 4), "abc…");
    }

    #[test]
    fn cjk_counts_double_width() {
        let header = vec!["?name".to_string()];
        let rows = vec![vec!["王锦侠".to_string()]];
        assert_eq!(column_widths(&header, &rows), vec![6]);
    }
}
