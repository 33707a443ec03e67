//! What a person can do about a MANGO refusal, by result code (and class). The descriptions
//! come from the catalog (`codes`); this adds the next step.

use super::error::MangoError;

/// The next step for `code`, or a general one for its class.
pub fn for_code(code: u32) -> &'static str {
    match code {
        // Seed 000: 3102 wrong signature, 3105 wrong key.
        3102 | 3105 => "Check the API key and salt in Settings, then use Test connection.",
        3103 => "A required field was not sent; check the campaign's settings.",
        3104 => "MANGO refused a value's format or range; check the campaign's settings.",
        // Seed 000 5102: too many active campaigns.
        5102 => "Too many campaigns are active in MANGO: stop or finish another campaign first.",
        // 5105: the author (created_by) is not an employee.
        5105 => "The chosen author is not an employee in MANGO: refresh the directory and choose another author, or none.",
        // 5106: the campaign's status does not allow the action.
        5106 => "The campaign's status in MANGO does not allow this now; its status has been re-read, try the action that fits it.",
        5107 => "A campaign holds at most 10,000 tasks.",
        5109 => "A number is already among the campaign's tasks.",
        5008 => "MANGO is busy; try again in a minute.",
        2000..=2999 => "The account's billing limits stop this: check the balance and tariff in MANGO's cabinet.",
        3000..=3999 => "MANGO could not accept the request; check Settings and the campaign's settings.",
        4000..=4999 => "MANGO cannot do this right now; try again later.",
        5000..=5999 => "MANGO had a problem carrying it out; try again later.",
        _ => "Try again; if it keeps failing, an administrator can check the connection in Settings.",
    }
}

/// Description and advice for any client error, for people.
pub fn explain(error: &MangoError) -> (Option<u32>, String, String) {
    match error {
        MangoError::Api { code, description, message, .. } => {
            let text = match message {
                Some(message) if !message.is_empty() => format!("{description} ({message})"),
                _ => description.to_string(),
            };
            (Some(*code), text, for_code(*code).to_string())
        }
        MangoError::RateLimited { code, .. } => {
            (*code, "MANGO kept asking to slow down".to_string(), "Wait a minute and try again.".to_string())
        }
        MangoError::Transport { maybe_delivered: true, .. } => (
            None,
            "MANGO did not answer in time".to_string(),
            "The action may have been carried out: the status is re-read; check it before trying again."
                .to_string(),
        ),
        MangoError::Transport { .. } => (
            None,
            "MANGO could not be reached".to_string(),
            "Check the network and the API address in Settings, then try again.".to_string(),
        ),
        MangoError::Http { status, .. } => (
            None,
            format!("MANGO answered HTTP {status}"),
            "Try again later; if it persists, check the API address in Settings.".to_string(),
        ),
        MangoError::Redirect { location, .. } => (
            None,
            format!("MANGO's address answered with a redirect to {location}"),
            "Check the API addresses in Settings: MANGO answers at its own address.".to_string(),
        ),
        MangoError::AddressRefused { reason, .. } => (
            None,
            format!("MANGO was not called: {reason}"),
            "Check the API addresses in Settings.".to_string(),
        ),
        MangoError::Decode { .. } | MangoError::Encode { .. } | MangoError::Config(_) => (
            None,
            "Obzvon could not understand MANGO's answer".to_string(),
            "Tell an administrator; the server log has the details.".to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_carry_catalog_text_and_a_next_step() {
        let (code, text, advice) = explain(&MangoError::api("campaign/start", 5106, None));
        assert_eq!(code, Some(5106));
        assert!(!text.is_empty());
        assert!(advice.contains("status"), "{advice}");
        assert!(for_code(5102).contains("stop or finish another"));
        assert!(for_code(2219).contains("billing"));
        assert!(for_code(3102).contains("Settings"));
    }
}
