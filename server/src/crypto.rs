//! Secrets at rest (the MANGO api_salt): AES-256-GCM with a key kept outside the database —
//! a key file in the data directory (mode 0600) or `OBZVON_SECRET_KEY`.

use std::io::Write;
use std::path::Path;

use aes_gcm::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;

use crate::db::{self, Db};

const KEY_FILE: &str = "secret.key";
/// A value encrypted with the key when it is first used; on later starts it proves the key
/// is the same one the stored secrets were encrypted with.
const KEY_CHECK_SETTING: &str = "crypto.key_check";
const KEY_CHECK_PLAINTEXT: &str = "obzvon key check v1";
const FORMAT_PREFIX: &str = "v1:";

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the encrypted value is not in the expected format")]
    Format,
    #[error("the encrypted value does not decrypt with this key (wrong key or tampered data)")]
    Decrypt,
}

pub struct SecretBox {
    cipher: Aes256Gcm,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBox(…)")
    }
}

impl SecretBox {
    pub fn new(key: [u8; 32]) -> Self {
        Self { cipher: Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)) }
    }

    /// Encrypts `plaintext` bound to `context` (e.g. the setting's name), so a value copied
    /// into another place does not decrypt there.
    pub fn encrypt(&self, context: &str, plaintext: &str) -> String {
        let nonce = Aes256Gcm::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher
            .encrypt(&nonce, Payload { msg: plaintext.as_bytes(), aad: context.as_bytes() })
            .expect("AES-GCM encryption of an in-memory buffer cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        format!("{FORMAT_PREFIX}{}", BASE64.encode(out))
    }

    pub fn decrypt(&self, context: &str, sealed: &str) -> Result<String, CryptoError> {
        let encoded = sealed.strip_prefix(FORMAT_PREFIX).ok_or(CryptoError::Format)?;
        let bytes = BASE64.decode(encoded).map_err(|_| CryptoError::Format)?;
        if bytes.len() < 12 + 16 {
            return Err(CryptoError::Format);
        }
        let (nonce, ciphertext) = bytes.split_at(12);
        let plaintext = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), Payload { msg: ciphertext, aad: context.as_bytes() })
            .map_err(|_| CryptoError::Decrypt)?;
        String::from_utf8(plaintext).map_err(|_| CryptoError::Decrypt)
    }
}

fn parse_hex_key(text: &str) -> Option<[u8; 32]> {
    let bytes = hex::decode(text.trim()).ok()?;
    bytes.try_into().ok()
}

/// Loads the key (environment first, then the key file), creating the key file only when
/// the database holds nothing encrypted yet. A missing, damaged or different key while
/// secrets exist is an error: a silent new key would make them unreadable.
pub async fn init(db: &Db, data_dir: &Path, env_key: Option<&str>) -> anyhow::Result<SecretBox> {
    let check = db::settings::get(db, KEY_CHECK_SETTING).await?;
    let key_path = data_dir.join(KEY_FILE);
    let key = match env_key {
        Some(text) => parse_hex_key(text).ok_or_else(|| {
            anyhow::anyhow!("OBZVON_SECRET_KEY must be 64 hexadecimal characters (32 bytes)")
        })?,
        None if key_path.exists() => {
            let text = std::fs::read_to_string(&key_path).map_err(|e| {
                anyhow::anyhow!("cannot read the secret key file {}: {e}", key_path.display())
            })?;
            parse_hex_key(&text).ok_or_else(|| {
                anyhow::anyhow!(
                    "the secret key file {} is damaged: it must hold 64 hexadecimal characters. \
                     Restore it from a backup (stored MANGO secrets cannot be read without it)",
                    key_path.display()
                )
            })?
        }
        None if check.is_some() => anyhow::bail!(
            "the secret key file {} is missing, but the database holds secrets encrypted with it. \
             Restore the file from a backup or set OBZVON_SECRET_KEY; a new key cannot read them",
            key_path.display()
        ),
        None => create_key_file(&key_path)?,
    };
    let secrets = SecretBox::new(key);
    match check {
        Some(sealed) => {
            let ok =
                secrets.decrypt(KEY_CHECK_SETTING, &sealed).is_ok_and(|text| text == KEY_CHECK_PLAINTEXT);
            if !ok {
                anyhow::bail!(
                    "the secret key does not match the one the stored secrets were encrypted with; \
                     restore the original {} or OBZVON_SECRET_KEY",
                    key_path.display()
                );
            }
        }
        None => {
            let sealed = secrets.encrypt(KEY_CHECK_SETTING, KEY_CHECK_PLAINTEXT);
            db::settings::set(db, KEY_CHECK_SETTING, &sealed).await?;
        }
    }
    Ok(secrets)
}

fn create_key_file(path: &Path) -> anyhow::Result<[u8; 32]> {
    use rand::RngCore;
    let mut key = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut key);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot create the secret key file {}: {e}", path.display()))?;
    file.write_all(hex::encode(key).as_bytes())?;
    file.sync_all()?;
    tracing::info!(path = %path.display(), "created a new secret key file; back it up with the database");
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets() -> SecretBox {
        SecretBox::new([7u8; 32])
    }

    #[test]
    fn round_trip() {
        let sealed = secrets().encrypt("mango.api_salt", "соль-and-salt");
        assert!(sealed.starts_with("v1:"));
        assert!(!sealed.contains("salt"), "plaintext must not show");
        assert_eq!(secrets().decrypt("mango.api_salt", &sealed).unwrap(), "соль-and-salt");
    }

    #[test]
    fn each_encryption_uses_a_new_nonce() {
        assert_ne!(secrets().encrypt("k", "same"), secrets().encrypt("k", "same"));
    }

    #[test]
    fn tampering_is_detected() {
        let sealed = secrets().encrypt("mango.api_salt", "secret");
        let mut bytes = BASE64.decode(&sealed[3..]).unwrap();
        for index in [0, 12, bytes.len() - 1] {
            bytes[index] ^= 1;
            let tampered = format!("v1:{}", BASE64.encode(&bytes));
            assert!(matches!(secrets().decrypt("mango.api_salt", &tampered), Err(CryptoError::Decrypt)));
            bytes[index] ^= 1;
        }
    }

    #[test]
    fn wrong_key_or_context_is_refused() {
        let sealed = secrets().encrypt("mango.api_salt", "secret");
        assert!(SecretBox::new([8u8; 32]).decrypt("mango.api_salt", &sealed).is_err());
        assert!(secrets().decrypt("other.setting", &sealed).is_err());
        assert!(matches!(secrets().decrypt("mango.api_salt", "plain"), Err(CryptoError::Format)));
        assert!(matches!(secrets().decrypt("mango.api_salt", "v1:AAAA"), Err(CryptoError::Format)));
    }

    #[test]
    fn key_files_are_64_hex_characters() {
        assert!(parse_hex_key(&"ab".repeat(32)).is_some());
        assert!(parse_hex_key(&format!("{}\n", "ab".repeat(32))).is_some());
        assert!(parse_hex_key(&"ab".repeat(31)).is_none());
        assert!(parse_hex_key(&"zz".repeat(32)).is_none());
    }
}
