//! Storefront content: CMS pages and the theme customizations of a channel.
//!
//! Both are read per channel: a page is shown in the channels it is published in, a theme
//! block belongs to one channel's theme. Their texts are per locale (page translations, block
//! options).

pub mod pages;
pub mod theme;
