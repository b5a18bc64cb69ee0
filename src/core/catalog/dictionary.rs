//! The catalog's structure, read once per settings generation and shared by the requests of a
//! process: attributes with their options and labels, attribute families, and categories with
//! their texts, active children and filters. It changes only when the catalog is set up (the
//! seeds today, the admin API later), and every such writer must run in
//! `settings::cache::write_settings` (or, in a process that serves nothing, such as `seed`,
//! call `settings::cache::bump` in its transaction); a change made behind the server's back
//! (SQL by hand) shows once the generation is bumped. A product page thus names its options,
//! family and categories without reading them (seven statements once per generation instead of
//! eight per page).

use std::{
    collections::{BTreeSet, HashMap},
    sync::Arc,
};

use polyshop_entities::{
    attribute_families, attribute_option_translations, attribute_options, attributes, categories,
    category_filterable_attributes,
};
use polyshop_runtime::ServiceError;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder};

use super::{
    attributes::OptionRecord,
    categories::{self as catalog_categories, CategoryDetail, CategoryRecord, FilterAttribute},
    details::OptionLabel,
};
use crate::settings::scope::Scope;

/// The catalog's structure (see the module).
#[derive(Debug, Default)]
pub struct Dictionary {
    attributes: HashMap<i64, attributes::Model>,
    by_code: HashMap<String, i64>,
    /// Options by id; `options_of` lists each attribute's by `sort_order`, then id.
    options: HashMap<i64, OptionRecord>,
    options_of: HashMap<i64, Vec<i64>>,
    families: HashMap<i64, attribute_families::Model>,
    categories: HashMap<i64, CategoryRecord>,
    /// Active children of each category, by `position`, then id.
    active_children: HashMap<i64, Vec<i64>>,
    /// Filterable attributes of each category, by `position`, then id.
    filters: HashMap<i64, Vec<i64>>,
}

/// The dictionary of `scope`'s settings generation.
pub async fn of(db: &impl ConnectionTrait, scope: &Scope) -> Result<Arc<Dictionary>, ServiceError> {
    scope.derived(async || load(db).await).await
}

async fn load(db: &impl ConnectionTrait) -> Result<Dictionary, ServiceError> {
    let attributes: HashMap<i64, attributes::Model> =
        attributes::Entity::find().all(db).await?.into_iter().map(|a| (a.id, a)).collect();
    let by_code = attributes.values().map(|a| (a.code.clone(), a.id)).collect();
    let mut labels: HashMap<i64, Vec<attribute_option_translations::Model>> = HashMap::new();
    for t in attribute_option_translations::Entity::find()
        .order_by_asc(attribute_option_translations::Column::Id)
        .all(db)
        .await?
    {
        labels.entry(t.attribute_option_id).or_default().push(t);
    }
    let mut options = HashMap::new();
    let mut options_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for option in attribute_options::Entity::find()
        .order_by_asc(attribute_options::Column::SortOrder)
        .order_by_asc(attribute_options::Column::Id)
        .all(db)
        .await?
    {
        options_of.entry(option.attribute_id).or_default().push(option.id);
        let record = OptionRecord {
            translations: labels.remove(&option.id).unwrap_or_default(),
            swatch_type: attributes.get(&option.attribute_id).and_then(|a| a.swatch_type.clone()),
            option,
        };
        options.insert(record.option.id, record);
    }
    let families = attribute_families::Entity::find().all(db).await?.into_iter().map(|f| (f.id, f)).collect();

    let rows = catalog_categories::all_by_id().all(db).await?;
    let mut texts = catalog_categories::texts_of_all(db).await?;
    let mut in_order: Vec<&categories::Model> = rows.iter().filter(|c| c.status).collect();
    in_order.sort_by_key(|c| (c.position, c.id));
    let mut active_children: HashMap<i64, Vec<i64>> = HashMap::new();
    for c in in_order {
        if let Some(parent) = c.parent_id {
            active_children.entry(parent).or_default().push(c.id);
        }
    }
    let categories = rows
        .into_iter()
        .map(|category| {
            (category.id, CategoryRecord { texts: texts.remove(&category.id).unwrap_or_default(), category })
        })
        .collect();
    let mut filterable: Vec<(i64, &attributes::Model)> = category_filterable_attributes::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|link| Some((link.category_id, attributes.get(&link.attribute_id).filter(|a| a.is_filterable)?)))
        .collect();
    filterable.sort_by_key(|(category, a)| (*category, a.position, a.id));
    let mut filters: HashMap<i64, Vec<i64>> = HashMap::new();
    for (category, attribute) in filterable {
        filters.entry(category).or_default().push(attribute.id);
    }
    Ok(Dictionary { attributes, by_code, options, options_of, families, categories, active_children, filters })
}

impl Dictionary {
    /// Attribute ids by code, of those of `codes` that exist.
    pub fn attribute_codes(&self, codes: &[&str]) -> HashMap<i64, String> {
        codes.iter().filter_map(|c| Some((*self.by_code.get(*c)?, (*c).to_owned()))).collect()
    }

    pub fn attribute(&self, id: i64) -> Option<&attributes::Model> {
        self.attributes.get(&id)
    }

    /// Option `id` with its label in the scope's locale.
    pub fn option_label(&self, scope: &Scope, id: i64) -> Option<OptionLabel> {
        let record = self.options.get(&id)?;
        let o = &record.option;
        Some(OptionLabel {
            id: o.id,
            attribute_id: o.attribute_id,
            admin_name: o.admin_name.clone(),
            sort_order: o.sort_order,
            label: scope.pick(&record.translations, |t| t.locale.as_str()).map(|t| t.label.clone()),
        })
    }

    pub fn family(&self, id: i64) -> Option<&attribute_families::Model> {
        self.families.get(&id)
    }

    /// Of `ids`, the active categories, by `position`, then id.
    pub fn active_in_order(&self, ids: &[i64]) -> Vec<i64> {
        let unique: BTreeSet<i64> = ids.iter().copied().collect();
        let mut active: Vec<&categories::Model> =
            unique.iter().filter_map(|id| self.categories.get(id)).map(|r| &r.category).filter(|c| c.status).collect();
        active.sort_by_key(|c| (c.position, c.id));
        active.into_iter().map(|c| c.id).collect()
    }

    /// Category `id` as category pages show it (texts, filters, active children with theirs),
    /// as `categories::details` reads it.
    pub fn category_detail(&self, id: i64) -> Option<CategoryDetail> {
        let children = self.active_children.get(&id).into_iter().flatten();
        Some(CategoryDetail {
            children: children.filter_map(|child| self.category_alone(*child)).collect(),
            ..self.category_alone(id)?
        })
    }

    fn category_alone(&self, id: i64) -> Option<CategoryDetail> {
        let record = self.categories.get(&id)?.clone();
        let filters = self.filters.get(&id).into_iter().flatten();
        let filters = filters
            .filter_map(|a| {
                let options = self.options_of.get(a).into_iter().flatten();
                Some(FilterAttribute {
                    attribute: self.attributes.get(a)?.clone(),
                    options: options.filter_map(|o| self.options.get(o).cloned()).collect(),
                })
            })
            .collect();
        Some(CategoryDetail { record, filters, children: Vec::new() })
    }
}
