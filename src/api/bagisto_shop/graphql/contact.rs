//! GraphQL: the storefront contact form (`createContactUs`) and newsletter subscriptions
//! (`createNewsletter`), the REST operations' use cases, with the REST operations' limits
//! checked here (REST's generated handlers check them from the spec).

use async_graphql::Context;
use polyshop_api_bagisto_shop::{
    contact::{ContactService as _, ContactUsInput, SubscribeNewsletterUpstreamInput},
    models,
};
use polyshop_graphql_shop::{resolvers::ContactMutations, types::*};
use polyshop_runtime_graphql::GqlResult;

use super::{ShopGraph, request, validation};
use crate::contact;

/// A required field of at most `max` characters.
fn field(value: Option<String>, name: &str, max: usize) -> GqlResult<String> {
    let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    let value = value.ok_or_else(|| validation(format!("`{name}` is required")))?;
    if value.chars().count() > max {
        return Err(validation(format!("`{name}` must be at most {max} characters")));
    }
    Ok(value)
}

/// A required email address of at most 191 characters, named `name` in errors.
fn email_field(value: Option<String>, name: &str) -> GqlResult<String> {
    let email = field(value, name, 191)?;
    let (local, domain) = email.split_once('@').unwrap_or_default();
    if local.is_empty() || !domain.contains('.') || domain.contains('@') || email.contains(char::is_whitespace) {
        return Err(validation(format!("`{name}` must be an email address")));
    }
    Ok(email)
}

#[async_trait::async_trait]
impl ContactMutations for ShopGraph {
    async fn create_contact_us(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateContactUsArgs,
    ) -> GqlResult<Option<CreateContactUsPayload>> {
        let i = args.input;
        let email = email_field(i.email, "email")?;
        let body = models::ContactForm {
            name: field(i.name, "name", 191)?,
            email,
            contact: field(i.contact, "contact", 64)?,
            message: field(i.message, "message", 5000)?,
        };
        let rc = request(ctx)?.ctx.clone();
        let sent = contact::Service(self.0.clone()).contact_us(&rc, ContactUsInput { body }).await?;
        Ok(Some(CreateContactUsPayload {
            contact_us: Some(ContactUs {
                success: Some(sent.success),
                message: Some(sent.message),
                ext: Default::default(),
            }),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }

    async fn create_newsletter(
        &self,
        ctx: &Context<'_>,
        args: MutationCreateNewsletterArgs,
    ) -> GqlResult<Option<CreateNewsletterPayload>> {
        let i = args.input;
        let body = models::NewsletterRequest { email: email_field(i.customer_email, "customerEmail")? };
        let rc = request(ctx)?.ctx.clone();
        let done = contact::Service(self.0.clone())
            .subscribe_newsletter_upstream(&rc, SubscribeNewsletterUpstreamInput { body })
            .await?;
        Ok(Some(CreateNewsletterPayload {
            newsletter: Some(Newsletter {
                id: done.id.to_string(),
                success: done.success,
                message: done.message,
                ext: Default::default(),
            }),
            client_mutation_id: i.client_mutation_id,
            ext: Default::default(),
        }))
    }
}
