//! Storefront content: CMS pages and the theme customizations of a channel.
