//! Every server function refuses the roles it should refuse — over the whole role matrix —
//! and the table covers every server function the server registers.

use std::collections::BTreeSet;

use app::api::{Permission, Role};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::*;

struct Case {
    endpoint: &'static str,
    /// None: open to visitors who are not signed in.
    permission: Option<Permission>,
    body: fn(target_user: i64) -> Value,
}

fn cases() -> Vec<Case> {
    vec![
        Case { endpoint: "auth/login", permission: None, body: |_| json!({}) },
        Case { endpoint: "auth/me", permission: None, body: |_| json!({}) },
        Case {
            endpoint: "auth/password",
            permission: Some(Permission::ViewCampaigns),
            // A wrong current password: allowed callers get 422, and nothing changes.
            body: |_| json!({"form": {"current_password": "not-my-password", "new_password": "a-new-password-123"}}),
        },
        Case {
            endpoint: "auth/language",
            permission: Some(Permission::ViewCampaigns),
            body: |_| json!({"lang": null}),
        },
        Case { endpoint: "users/list", permission: Some(Permission::ManageUsers), body: |_| json!({}) },
        Case {
            endpoint: "users/create",
            permission: Some(Permission::ManageUsers),
            // Invalid on purpose: allowed callers get 422, so the matrix run creates nobody.
            body: |_| json!({"form": {"username": "X", "display_name": "", "role": "lead", "password": "short"}}),
        },
        Case {
            endpoint: "users/role",
            permission: Some(Permission::ManageUsers),
            body: |target| json!({"user_id": target, "role": "marketer"}),
        },
        Case {
            endpoint: "users/disabled",
            permission: Some(Permission::ManageUsers),
            body: |target| json!({"user_id": target, "disabled": false}),
        },
        Case {
            endpoint: "users/reset_password",
            permission: Some(Permission::ManageUsers),
            body: |target| json!({"user_id": target, "new_password": "target-password-again"}),
        },
        Case { endpoint: "settings/get", permission: Some(Permission::ManageSettings), body: |_| json!({}) },
        Case {
            endpoint: "settings/save",
            permission: Some(Permission::ManageSettings),
            body: |_| {
                json!({"form": {
                "vpbx_base_url": "https://app.mango-office.ru/vpbx",
                "cc_base_url": "https://app.mango-office.ru/cc",
                "vpbx_api_key": "", "new_api_salt": "", "clear_api_salt": false,
                "timezone": "Europe/Moscow", "phone_region": "RU"}})
            },
        },
        Case {
            endpoint: "settings/test_connection",
            permission: Some(Permission::ManageSettings),
            body: |_| json!({}),
        },
        Case {
            endpoint: "settings/event_health",
            permission: Some(Permission::ManageSettings),
            body: |_| json!({}),
        },
        Case {
            endpoint: "settings/mango_health",
            permission: Some(Permission::ManageSettings),
            body: |_| json!({}),
        },
        Case { endpoint: "directory/get", permission: Some(Permission::ViewCampaigns), body: |_| json!({}) },
        Case {
            endpoint: "directory/refresh",
            permission: Some(Permission::EditCampaigns),
            body: |_| json!({}),
        },
        Case { endpoint: "campaigns/list", permission: Some(Permission::ViewCampaigns), body: |_| json!({}) },
        Case {
            endpoint: "campaigns/get",
            permission: Some(Permission::ViewCampaigns),
            body: |_| json!({"id": 424242}),
        },
        Case {
            endpoint: "campaigns/options",
            permission: Some(Permission::EditCampaigns),
            body: |_| json!({}),
        },
        Case {
            endpoint: "campaigns/save",
            permission: Some(Permission::EditCampaigns),
            // Invalid on purpose (no name): allowed callers get 422 and nothing is saved.
            body: |_| {
                let mut form =
                    serde_json::to_value(app::api::campaigns::CampaignForm::new_draft("Europe/Moscow"))
                        .unwrap();
                form["name"] = json!("");
                json!({"id": null, "form": form})
            },
        },
        Case {
            endpoint: "campaigns/duplicate",
            permission: Some(Permission::EditCampaigns),
            body: |_| json!({"id": 424242}),
        },
        Case {
            endpoint: "campaigns/act",
            permission: Some(Permission::RunCampaigns),
            body: |_| json!({"id": 424242, "action": "Start"}),
        },
        Case {
            endpoint: "results/get",
            permission: Some(Permission::ViewCampaigns),
            body: |_| json!({"campaign_id": 424242, "filter": {}}),
        },
        Case { endpoint: "alerts/list", permission: Some(Permission::ViewCampaigns), body: |_| json!({}) },
        Case {
            endpoint: "campaigns/forecast",
            permission: Some(Permission::ViewCampaigns),
            body: |_| json!({"id": 424242}),
        },
        Case {
            endpoint: "do_not_call/list",
            permission: Some(Permission::ManageDoNotCall),
            body: |_| json!({"query": {}}),
        },
        Case {
            endpoint: "do_not_call/add",
            permission: Some(Permission::ManageDoNotCall),
            // No reason: allowed callers get 422, and the list stays empty.
            body: |_| json!({"numbers": "79161234567", "reason": ""}),
        },
        Case {
            endpoint: "do_not_call/add_lead",
            permission: Some(Permission::ManageDoNotCall),
            body: |_| json!({"campaign_id": 424242, "lead": 1, "reason": ""}),
        },
        Case {
            endpoint: "do_not_call/remove",
            permission: Some(Permission::ManageDoNotCall),
            body: |_| json!({"id": 424242, "reason": "no such entry"}),
        },
        Case {
            endpoint: "do_not_call/called_recently",
            permission: Some(Permission::ManageDoNotCall),
            // Out of range: allowed callers get 422, and the setting stays off.
            body: |_| json!({"days": 100000}),
        },
        Case {
            endpoint: "recordings/transcript",
            permission: Some(Permission::HearCalls),
            body: |_| json!({"recording": 424242}),
        },
        Case {
            endpoint: "board/get",
            permission: Some(Permission::ViewCampaigns),
            body: |_| json!({"campaign_id": 424242}),
        },
        Case {
            endpoint: "leads/overview",
            permission: Some(Permission::ViewCampaigns),
            body: |_| json!({"campaign_id": 424242}),
        },
        Case {
            endpoint: "leads/upload",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({"upload_id": 424242}),
        },
        Case {
            endpoint: "leads/remap",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({"upload_id": 424242, "mapping": {"has_header": true, "roles": ["Phone"]}}),
        },
        Case {
            endpoint: "leads/fix_row",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({"upload_id": 424242, "row": 2, "cells": ["x"]}),
        },
        Case {
            endpoint: "leads/sheet",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({"upload_id": 424242, "sheet": "Лист1"}),
        },
        Case {
            endpoint: "leads/templates",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({}),
        },
        Case {
            endpoint: "leads/save_template",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({"upload_id": 424242, "name": "CRM export"}),
        },
        Case {
            endpoint: "leads/apply_template",
            permission: Some(Permission::UploadLeadLists),
            body: |_| json!({"upload_id": 424242, "template_id": 1}),
        },
        Case {
            endpoint: "leads/accept",
            permission: Some(Permission::PushTasks),
            body: |_| json!({"upload_id": 424242, "batch_size": 100}),
        },
        Case {
            endpoint: "leads/push_control",
            permission: Some(Permission::PushTasks),
            body: |_| json!({"campaign_id": 424242, "control": "Pause"}),
        },
        Case {
            endpoint: "callbacks/list",
            permission: Some(Permission::CreateCallbacks),
            body: |_| json!({}),
        },
        Case {
            endpoint: "callbacks/options",
            permission: Some(Permission::CreateCallbacks),
            body: |_| json!({}),
        },
        Case {
            endpoint: "callbacks/create",
            permission: Some(Permission::CreateCallbacks),
            // Invalid on purpose (0 minutes): allowed callers get 422 and nothing reaches MANGO.
            body: |_| {
                json!({"form": {"operator_user_id": 400100101, "start_local": "2030-01-01T10:00", "timezone": "Europe/Moscow",
                "duration_minutes": 0, "description": "", "phone": "79161234567", "event": "Call", "auto_call": true}})
            },
        },
        Case {
            endpoint: "callbacks/bulk",
            permission: Some(Permission::CreateCallbacks),
            body: |_| {
                json!({"form": {"campaign_id": 424242, "selection": {"Leads": [1]}, "operators": [],
                "from_local": "2030-01-01T10:00", "until_local": "2030-01-01T11:00", "timezone": "Europe/Moscow",
                "duration_minutes": 15, "description": "", "event": "Call", "auto_call": true}})
            },
        },
        Case {
            endpoint: "callbacks/batch",
            permission: Some(Permission::CreateCallbacks),
            body: |_| json!({"batch_id": 424242}),
        },
        Case {
            endpoint: "audit/list",
            permission: Some(Permission::ViewAuditLog),
            body: |_| json!({"query": {}}),
        },
        Case { endpoint: "auth/logout", permission: Some(Permission::ViewCampaigns), body: |_| json!({}) },
    ]
}

#[tokio::test]
async fn the_table_covers_every_registered_server_function() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_string())
        .collect();
    let tested: BTreeSet<String> = cases().iter().map(|c| c.endpoint.to_string()).collect();
    assert_eq!(registered, tested, "add new server functions to the role matrix");
}

#[tokio::test]
async fn each_server_function_refuses_the_roles_it_should() {
    let server = TestServer::start().await;
    let admin = admin(&server).await;
    let target = create_user(&admin, &server, "target", "marketer", "target-password-0").await;
    create_user(&admin, &server, "mark", "marketer", "marketer-password-1").await;
    create_user(&admin, &server, "lida", "lead", "lead-password-0001").await;

    type Credentials<'a> = Option<(&'a str, &'a str)>;
    let callers: Vec<(Option<Role>, Credentials)> = vec![
        (None, None),
        (Some(Role::Marketer), Some(("mark", "marketer-password-1"))),
        (Some(Role::Lead), Some(("lida", "lead-password-0001"))),
        (Some(Role::Admin), Some(("admin", ADMIN_PASSWORD))),
    ];
    for case in cases().into_iter().filter(|c| c.permission.is_some() && c.endpoint != "auth/logout") {
        let permission = case.permission.unwrap();
        for (role, credentials) in &callers {
            // A fresh sign-in for every call: earlier calls must not affect later ones.
            let client = match credentials {
                Some((user, password)) => signed_in(&server, user, password).await,
                None => browser(),
            };
            let (status, body) = call(&client, &server, case.endpoint, (case.body)(target)).await;
            let who = role.map(|r| r.as_str()).unwrap_or("visitor");
            match role {
                None => {
                    assert_eq!(status, StatusCode::UNAUTHORIZED, "{who} → {}: {body}", case.endpoint);
                    assert_eq!(body, json!("Unauthenticated"), "{who} → {}", case.endpoint);
                }
                Some(role) if !role.allows(permission) => {
                    assert_eq!(status, StatusCode::FORBIDDEN, "{who} → {}: {body}", case.endpoint);
                    assert_eq!(
                        body,
                        json!({"Forbidden": app::i18n::in_lang(app::i18n::Lang::En, || permission.refusal())}),
                        "{who} → {}",
                        case.endpoint
                    );
                }
                // Allowed: done, refused for its content (422), or nothing by that id (404).
                Some(_) => assert!(
                    status.is_success()
                        || status == StatusCode::UNPROCESSABLE_ENTITY
                        || status == StatusCode::NOT_FOUND,
                    "{who} → {} should be allowed, got {status}: {body}",
                    case.endpoint
                ),
            }
        }
    }

    // Logout: visitors get 401; any signed-in role may sign out.
    let (status, _) = call_form(&browser(), &server, "auth/logout", &[]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    for (user, password) in [("mark", "marketer-password-1"), ("lida", "lead-password-0001")] {
        let client = signed_in(&server, user, password).await;
        let (status, _) = call_form(&client, &server, "auth/logout", &[]).await;
        assert_eq!(status, StatusCode::OK, "{user} signs out");
        assert_eq!(me(&client, &server).await, Value::Null, "{user} is signed out");
    }
    server.stop().await;
}
