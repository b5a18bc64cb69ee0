use base64::Engine;
use polyshop_api_community_store::{
    models::{TokenRequest, TokenResponse},
    oauth::{self, IssueAccessTokenInput},
};
use polyshop_core::{
    AppState,
    integrations::oauth::{invalid_client, missing_parameter},
};
use polyshop_runtime::{RequestContext, ServiceError};

pub struct OauthService(pub AppState);

#[async_trait::async_trait]
impl oauth::OauthService for OauthService {
    async fn issue_access_token(
        &self,
        ctx: &RequestContext,
        input: IssueAccessTokenInput,
    ) -> Result<TokenResponse, ServiceError> {
        let TokenRequest { grant_type, client_id, client_secret, scope } = input.body;
        let form = [
            ("grant_type", &grant_type),
            ("client_id", &client_id),
            ("client_secret", &client_secret),
            ("scope", &scope),
        ];
        // A form body is not a JSON body: its text is checked for NUL here (PostgreSQL refuses it).
        if let Some((name, _)) = form.iter().find(|(_, v)| v.as_deref().is_some_and(|v| v.contains('\0'))) {
            return Err(missing_parameter(name));
        }
        let (client_id, client_secret) = match input.authorization.as_deref().and_then(basic_credentials) {
            None if input.authorization.as_deref().is_some_and(is_basic) => return Err(invalid_client()),
            None => (client_id, client_secret),
            Some((id, secret)) => {
                // RFC 6749 allows one authentication method; form fields that repeat the
                // header's are tolerated, as clients send both.
                if client_id.as_ref().is_some_and(|c| *c != id) {
                    return Err(missing_parameter("client_id"));
                }
                if client_secret.as_ref().is_some_and(|c| *c != secret) {
                    return Err(missing_parameter("client_secret"));
                }
                (Some(id), Some(secret))
            }
        };
        let token = self
            .0
            .oauth()
            .issue_token(
                grant_type.as_deref(),
                client_id.as_deref(),
                client_secret.as_deref(),
                scope.as_deref(),
                ctx.remote_addr.as_deref(),
            )
            .await?;
        Ok(TokenResponse {
            token_type: "Bearer".to_owned(),
            expires_in: token.expires_in,
            access_token: token.access_token,
        })
    }
}

fn is_basic(authorization: &str) -> bool {
    authorization.get(..6).is_some_and(|scheme| scheme.eq_ignore_ascii_case("basic "))
}

/// (client id, secret) of a `client_secret_basic` header: `Basic base64(id:secret)`, each part
/// form-urlencoded (RFC 6749 section 2.3.1). `None` for another scheme or an unreadable value.
fn basic_credentials(authorization: &str) -> Option<(String, String)> {
    if !is_basic(authorization) {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD.decode(authorization[6..].trim()).ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let (id, secret) = (form_decode(id)?, form_decode(secret)?);
    (!id.is_empty() && !secret.is_empty() && !id.contains('\0') && !secret.contains('\0')).then_some((id, secret))
}

/// `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte.
fn form_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_client_secret_basic() {
        let header = |pair: &str| format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair));
        assert_eq!(basic_credentials(&header("abc:s3cr%3At")), Some(("abc".into(), "s3cr:t".into())));
        assert_eq!(basic_credentials(&header("a+b:c")), Some(("a b".into(), "c".into())));
        assert_eq!(basic_credentials(&format!("bAsIc {}", &header("x:y")[6..])), Some(("x".into(), "y".into())));
        assert_eq!(basic_credentials(&header("no-colon")), None);
        assert_eq!(basic_credentials(&header(":secret")), None);
        assert_eq!(basic_credentials(&header("a:%zz")), None);
        assert_eq!(basic_credentials("Basic !!!"), None);
        assert_eq!(basic_credentials("Bearer abc"), None);
        assert!(is_basic("basic xyz") && !is_basic("Bearer xyz"));
    }
}
