//! Who may do what. One table, used by the server to refuse and by the UI to hide.

use serde::{Deserialize, Serialize};

/// A user's role. Roles are ordered: each one can do everything the one before it can.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Marketing staff: build campaigns and run them.
    Marketer,
    /// Team lead: a marketer who also handles lead lists, callbacks and exports.
    Lead,
    /// Administrator: everything, including users, settings and the audit log.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Marketer, Role::Lead, Role::Admin];

    /// The name stored in the database and sent over the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Marketer => "marketer",
            Role::Lead => "lead",
            Role::Admin => "admin",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        let t = &crate::i18n::t().roles;
        match self {
            Role::Marketer => t.marketer,
            Role::Lead => t.lead,
            Role::Admin => t.admin,
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        self >= permission.minimum_role()
    }
}

/// Everything a signed-in person can be allowed or refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Campaigns, boards and results: everyone signed in.
    ViewCampaigns,
    /// Build, edit and duplicate campaign drafts.
    EditCampaigns,
    /// Create campaigns in MANGO, start and stop them.
    RunCampaigns,
    UploadLeadLists,
    PushTasks,
    CreateCallbacks,
    ExportResults,
    /// Listen to and download call recordings, read transcripts, search what was said.
    HearCalls,
    /// Keep the do-not-call list and the "called recently" setting.
    ManageDoNotCall,
    DeleteCampaigns,
    ManageSettings,
    ManageUsers,
    ViewAuditLog,
}

impl Permission {
    pub const ALL: [Permission; 13] = [
        Permission::ViewCampaigns,
        Permission::EditCampaigns,
        Permission::RunCampaigns,
        Permission::UploadLeadLists,
        Permission::PushTasks,
        Permission::CreateCallbacks,
        Permission::ExportResults,
        Permission::HearCalls,
        Permission::ManageDoNotCall,
        Permission::DeleteCampaigns,
        Permission::ManageSettings,
        Permission::ManageUsers,
        Permission::ViewAuditLog,
    ];

    pub fn minimum_role(self) -> Role {
        match self {
            Permission::ViewCampaigns | Permission::EditCampaigns | Permission::RunCampaigns => {
                Role::Marketer
            }
            Permission::UploadLeadLists
            | Permission::PushTasks
            | Permission::CreateCallbacks
            | Permission::ExportResults
            | Permission::HearCalls
            | Permission::ManageDoNotCall => Role::Lead,
            Permission::DeleteCampaigns
            | Permission::ManageSettings
            | Permission::ManageUsers
            | Permission::ViewAuditLog => Role::Admin,
        }
    }

    /// What a refused person is told.
    pub fn refusal(self) -> String {
        let t = &crate::i18n::t().roles;
        let what = match self {
            Permission::ViewCampaigns => t.view_campaigns,
            Permission::EditCampaigns => t.edit_campaigns,
            Permission::RunCampaigns => t.run_campaigns,
            Permission::UploadLeadLists => t.upload_lead_lists,
            Permission::PushTasks => t.push_tasks,
            Permission::CreateCallbacks => t.create_callbacks,
            Permission::ExportResults => t.export_results,
            Permission::HearCalls => t.hear_calls,
            Permission::ManageDoNotCall => t.manage_do_not_call,
            Permission::DeleteCampaigns => t.delete_campaigns,
            Permission::ManageSettings => t.manage_settings,
            Permission::ManageUsers => t.manage_users,
            Permission::ViewAuditLog => t.view_audit_log,
        };
        let who = match self.minimum_role() {
            Role::Marketer => t.who_signed_in,
            Role::Lead => t.who_leads_and_admins,
            Role::Admin => t.who_admins,
        };
        crate::i18n::fill(t.only_who_can, &[&who, &what])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The matrix as the product describes it, written out by hand so that a change to
    /// `minimum_role` that nobody meant shows up here.
    #[test]
    fn role_matrix_matches_the_product_rules() {
        use Permission::*;
        let expected: &[(Permission, [bool; 3])] = &[
            //                 marketer, lead,  admin
            (ViewCampaigns, [true, true, true]),
            (EditCampaigns, [true, true, true]),
            (RunCampaigns, [true, true, true]),
            (UploadLeadLists, [false, true, true]),
            (PushTasks, [false, true, true]),
            (CreateCallbacks, [false, true, true]),
            (ExportResults, [false, true, true]),
            (HearCalls, [false, true, true]),
            (ManageDoNotCall, [false, true, true]),
            (DeleteCampaigns, [false, false, true]),
            (ManageSettings, [false, false, true]),
            (ManageUsers, [false, false, true]),
            (ViewAuditLog, [false, false, true]),
        ];
        assert_eq!(expected.len(), Permission::ALL.len(), "every permission is listed");
        for (permission, allowed) in expected {
            for (role, allowed) in Role::ALL.iter().zip(allowed) {
                assert_eq!(role.allows(*permission), *allowed, "{role:?} and {permission:?}");
            }
        }
    }

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::parse("Admin"), None);
    }

    #[test]
    fn refusals_name_the_action_and_who_may_do_it() {
        use crate::i18n::{in_lang, Lang};
        assert_eq!(Permission::ManageSettings.refusal(), "Только администраторы могут менять настройки.");
        in_lang(Lang::En, || {
            assert_eq!(Permission::ManageSettings.refusal(), "Only administrators can change settings.");
            assert_eq!(
                Permission::PushTasks.refusal(),
                "Only team leads and administrators can push tasks to MANGO."
            );
        });
    }
}
