//! The contact form and newsletter subscriptions (Bagisto shop REST API).

use polyshop_api_bagisto_shop::{contact::*, models};
use polyshop_runtime::{RequestContext, ServiceError};

use super::context::{ShopRequest, required};
use polyshop_core::{
    AppState,
    mail::contact::{self, Enquiry},
};

pub struct Service(pub AppState);

impl Service {
    async fn subscribe(
        &self,
        ctx: &RequestContext,
        email: &str,
    ) -> Result<models::NewsletterSubscription, ServiceError> {
        let scope = ctx.scope().await?;
        let row = contact::subscribe(&self.0.db, scope.channel.id, email, self.0.clock.now()).await?;
        Ok(models::NewsletterSubscription {
            id: row.id,
            email: row.email,
            is_subscribed: row.is_subscribed,
            success: true,
            message: "You have subscribed to the newsletter successfully.".to_owned(),
        })
    }
}

#[async_trait::async_trait]
impl ContactService for Service {
    async fn contact_us(
        &self,
        ctx: &RequestContext,
        input: ContactUsInput,
    ) -> Result<models::CustomerActionResult, ServiceError> {
        let b = input.body;
        let enquiry = Enquiry {
            name: required(Some(&b.name), "name")?,
            email: required(Some(&b.email), "email")?.to_lowercase(),
            phone: required(Some(&b.contact), "contact")?,
            message: required(Some(&b.message), "message")?,
        };
        let scope = ctx.scope().await?;
        contact::send_enquiry(&self.0.db, &scope.channel, enquiry, self.0.clock.now()).await?;
        Ok(models::CustomerActionResult {
            success: true,
            message: "Your message has been submitted successfully. We will get back to you shortly.".to_owned(),
        })
    }

    async fn subscribe_newsletter(
        &self,
        ctx: &RequestContext,
        input: SubscribeNewsletterInput,
    ) -> Result<models::NewsletterSubscription, ServiceError> {
        self.subscribe(ctx, &input.body.email).await
    }

    async fn subscribe_newsletter_upstream(
        &self,
        ctx: &RequestContext,
        input: SubscribeNewsletterUpstreamInput,
    ) -> Result<models::NewsletterSubscription, ServiceError> {
        self.subscribe(ctx, &input.body.email).await
    }
}
