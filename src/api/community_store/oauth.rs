use polyshop_api_community_store::{
    models::{TokenRequest, TokenResponse},
    oauth::{self, IssueAccessTokenInput},
};
use polyshop_runtime::{RequestContext, ServiceError};

use polyshop_core::AppState;

pub struct OauthService(pub AppState);

#[async_trait::async_trait]
impl oauth::OauthService for OauthService {
    async fn issue_access_token(
        &self,
        _ctx: &RequestContext,
        input: IssueAccessTokenInput,
    ) -> Result<TokenResponse, ServiceError> {
        let TokenRequest { grant_type, client_id, client_secret, scope } = input.body;
        let token = self
            .0
            .oauth()
            .issue_token(grant_type.as_deref(), client_id.as_deref(), client_secret.as_deref(), scope.as_deref())
            .await?;
        Ok(TokenResponse {
            token_type: "Bearer".to_owned(),
            expires_in: token.expires_in,
            access_token: token.access_token,
        })
    }
}
