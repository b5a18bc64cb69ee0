//! An invoice as a PDF document: A4 pages in the standard Helvetica fonts (nothing embedded,
//! so documents stay a few kilobytes), the lines as a table that continues on further pages.
//!
//! The caller fills an [`InvoiceSheet`] with text already formatted for its reader (amounts in
//! the order's currency, dates in the store's time zone); this module only lays it out.

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// What an invoice document shows.
#[derive(Debug, Clone, Default)]
pub struct InvoiceSheet {
    /// The store's name, the heading.
    pub store: String,
    /// `Invoice #INV-12`.
    pub title: String,
    /// Label and value pairs under the title (invoice date, order number, payment, shipping).
    pub facts: Vec<(String, String)>,
    pub billing: Vec<String>,
    pub shipping: Vec<String>,
    pub lines: Vec<SheetLine>,
    /// Label and amount pairs; the last (the grand total) is set in bold.
    pub totals: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct SheetLine {
    pub sku: String,
    pub name: String,
    pub qty: String,
    pub price: String,
    pub total: String,
}

const PAGE: (f32, f32) = (595.0, 842.0);
const LEFT: f32 = 50.0;
const RIGHT: f32 = 545.0;
const ROW: f32 = 15.0;
/// Table rows on one page; the first page has less room (the heading and addresses).
const FIRST_PAGE_ROWS: usize = 30;
const NEXT_PAGE_ROWS: usize = 44;
const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

/// The PDF bytes of `sheet`.
pub fn render(sheet: &InvoiceSheet) -> Vec<u8> {
    let pages = paginate(sheet.lines.len());
    let mut pdf = Pdf::new();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let (regular, bold) = (Ref::new(3), Ref::new(4));
    let info = Ref::new(5);
    let page_ids: Vec<Ref> = (0..pages.len()).map(|i| Ref::new(6 + 2 * i32::try_from(i).unwrap_or(0))).collect();

    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().copied()).count(i32::try_from(page_ids.len()).unwrap_or(i32::MAX));
    pdf.type1_font(regular).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.document_info(info).title(TextStr(&sheet.title)).producer(TextStr("polyshop"));

    let count = pages.len();
    for (n, (range, page_id)) in pages.into_iter().zip(&page_ids).enumerate() {
        let content_id = Ref::new(page_id.get() + 1);
        let mut page = pdf.page(*page_id);
        page.media_box(Rect::new(0.0, 0.0, PAGE.0, PAGE.1));
        page.parent(tree);
        page.contents(content_id);
        page.resources().fonts().pair(REGULAR, regular).pair(BOLD, bold);
        page.finish();

        let mut c = Content::new();
        let mut y = PAGE.1 - 60.0;
        if n == 0 {
            y = heading(&mut c, sheet, y);
        } else {
            text(&mut c, BOLD, 10.0, LEFT, y, &format!("{} (continued)", sheet.title));
            y -= 2.0 * ROW;
        }
        y = table_header(&mut c, y);
        for line in &sheet.lines[range] {
            text(&mut c, REGULAR, 9.0, LEFT, y, &clip(&line.sku, 16));
            text(&mut c, REGULAR, 9.0, 140.0, y, &clip(&line.name, 42));
            text_right(&mut c, REGULAR, 9.0, 375.0, y, &line.qty);
            text_right(&mut c, REGULAR, 9.0, 460.0, y, &line.price);
            text_right(&mut c, REGULAR, 9.0, RIGHT, y, &line.total);
            y -= ROW;
        }
        if n + 1 == count {
            rule(&mut c, y + ROW - 4.0);
            y -= 6.0;
            for (i, (label, amount)) in sheet.totals.iter().enumerate() {
                let font = if i + 1 == sheet.totals.len() { BOLD } else { REGULAR };
                text_right(&mut c, font, 10.0, 460.0, y, label);
                text_right(&mut c, font, 10.0, RIGHT, y, amount);
                y -= ROW;
            }
        }
        text_right(&mut c, REGULAR, 8.0, RIGHT, 30.0, &format!("Page {} of {count}", n + 1));
        pdf.stream(content_id, &c.finish());
    }
    pdf.finish()
}

/// The table rows each page holds: at least one page, even without lines.
fn paginate(lines: usize) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    pages.push(0..lines.min(FIRST_PAGE_ROWS));
    let mut start = FIRST_PAGE_ROWS;
    while start < lines {
        pages.push(start..lines.min(start + NEXT_PAGE_ROWS));
        start += NEXT_PAGE_ROWS;
    }
    pages
}

/// The store, the title, the facts and the two addresses; returns where the table starts.
fn heading(c: &mut Content, sheet: &InvoiceSheet, mut y: f32) -> f32 {
    text(c, BOLD, 18.0, LEFT, y, &sheet.store);
    y -= 28.0;
    text(c, BOLD, 13.0, LEFT, y, &sheet.title);
    y -= 2.0 * ROW;
    for (label, value) in &sheet.facts {
        text(c, BOLD, 9.0, LEFT, y, label);
        text(c, REGULAR, 9.0, 150.0, y, value);
        y -= ROW - 2.0;
    }
    y -= ROW;
    text(c, BOLD, 10.0, LEFT, y, "Bill to");
    text(c, BOLD, 10.0, 300.0, y, "Ship to");
    y -= ROW;
    let rows = sheet.billing.len().max(sheet.shipping.len());
    for i in 0..rows {
        if let Some(l) = sheet.billing.get(i) {
            text(c, REGULAR, 9.0, LEFT, y, &clip(l, 48));
        }
        if let Some(l) = sheet.shipping.get(i) {
            text(c, REGULAR, 9.0, 300.0, y, &clip(l, 48));
        }
        y -= ROW - 3.0;
    }
    y - ROW
}

fn table_header(c: &mut Content, y: f32) -> f32 {
    text(c, BOLD, 9.0, LEFT, y, "SKU");
    text(c, BOLD, 9.0, 140.0, y, "Product");
    text_right(c, BOLD, 9.0, 375.0, y, "Qty");
    text_right(c, BOLD, 9.0, 460.0, y, "Price");
    text_right(c, BOLD, 9.0, RIGHT, y, "Total");
    rule(c, y - 5.0);
    y - ROW - 4.0
}

fn rule(c: &mut Content, y: f32) {
    c.set_line_width(0.5);
    c.move_to(LEFT, y);
    c.line_to(RIGHT, y);
    c.stroke();
}

fn text(c: &mut Content, font: Name, size: f32, x: f32, y: f32, s: &str) {
    c.begin_text();
    c.set_font(font, size);
    c.next_line(x, y);
    c.show(Str(&win_ansi(s)));
    c.end_text();
}

/// `s` ending at `right`.
fn text_right(c: &mut Content, font: Name, size: f32, right: f32, y: f32, s: &str) {
    let bold = font == BOLD;
    let width: f32 = s.chars().map(|ch| f32::from(glyph_width(ch, bold))).sum::<f32>() * size / 1000.0;
    text(c, font, size, right - width, y, s);
}

/// `s` cut to `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(max.saturating_sub(3)).collect();
    cut.push_str("...");
    cut
}

/// `s` in the standard fonts' WinAnsi encoding: Latin-1 as it is, the euro sign at 0x80,
/// anything else (and control characters) as `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    s.chars()
        .map(|ch| match ch {
            '€' => 0x80,
            ' '..='~' | '\u{A0}'..='\u{FF}' => u8::try_from(u32::from(ch)).unwrap_or(b'?'),
            _ => b'?',
        })
        .collect()
}

/// Advance widths (per 1000 units) of Helvetica's glyphs, enough to right-align numbers and
/// short labels: digits and currency signs exactly, other characters by their usual class.
fn glyph_width(ch: char, bold: bool) -> u16 {
    match ch {
        '0'..='9' | '$' | '€' | '#' | '_' => 556,
        '.' | ',' | ' ' | ':' | ';' => 278,
        '-' => 333,
        '%' => 889,
        '(' | ')' => 333,
        'i' | 'j' | 'l' => {
            if bold {
                278
            } else {
                222
            }
        }
        'f' | 't' | 'r' | 'I' => 333,
        'm' | 'M' => 833,
        'w' | 'W' => 778,
        'A'..='Z' => 667,
        _ => {
            if bold {
                611
            } else {
                556
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_invoices_continue_on_more_pages() {
        assert_eq!(paginate(0), vec![(0..0)]);
        assert_eq!(paginate(30), vec![(0..30)]);
        assert_eq!(paginate(31), [0..30, 30..31]);
        assert_eq!(paginate(120), [0..30, 30..74, 74..118, 118..120]);
    }

    #[test]
    fn text_is_encoded_for_the_standard_fonts() {
        assert_eq!(win_ansi("Café 5€"), b"Caf\xe9 5\x80");
        assert_eq!(win_ansi("Łódź\u{0}"), b"?\xf3d??");
    }

    #[test]
    fn renders_a_pdf_with_one_page_per_table_part() {
        let sheet = InvoiceSheet {
            store: "Default".into(),
            title: "Invoice #7".into(),
            lines: vec![SheetLine { sku: "A".into(), name: "Thing".into(), ..Default::default() }; 40],
            totals: vec![("Grand total".into(), "$1.00".into())],
            ..Default::default()
        };
        let bytes = render(&sheet);
        assert!(bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.matches("/Type /Page\n").count() + text.matches("/Type /Page ").count(), 2, "{text}");
    }
}
