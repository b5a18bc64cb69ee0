//! The profiles and their sizes.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    Small,
    Medium,
    Large,
}

impl FromStr for Profile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "small" => Ok(Profile::Small),
            "medium" => Ok(Profile::Medium),
            "large" => Ok(Profile::Large),
            other => Err(format!("unknown profile `{other}` (small, medium, large)")),
        }
    }
}

/// How much a profile generates (on top of the demo dataset).
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub products: usize,
    pub categories: usize,
    pub customers: usize,
    pub orders: usize,
    /// A configurable product has one to this many colours (× two or three sizes): the
    /// profiles' variants per product (small ~6, medium ~4.5, large ~5.6).
    pub max_colours: u64,
}

impl Profile {
    pub fn sizes(self) -> Sizes {
        match self {
            // After Magento's performance profiles.
            Profile::Small => {
                Sizes { products: 1_000, categories: 30, customers: 1_000, orders: 10_000, max_colours: 4 }
            }
            Profile::Medium => {
                Sizes { products: 24_000, categories: 300, customers: 2_000, orders: 50_000, max_colours: 3 }
            }
            Profile::Large => {
                Sizes { products: 100_000, categories: 3_000, customers: 100_000, orders: 1_000_000, max_colours: 4 }
            }
        }
    }
}

/// What a profile load wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProfileSummary {
    pub products: usize,
    pub variants: usize,
    pub categories: usize,
    pub customers: usize,
    pub orders: usize,
    pub rows: u64,
}
