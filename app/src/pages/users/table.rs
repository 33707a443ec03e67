//! Everyone who can sign in, one row each with their role, status and actions.

use leptos::prelude::*;

use crate::api::types::UserRow;
use crate::api::users::*;
use crate::api::validation::validate_password;
use crate::api::Role;
use crate::components::auth::signed_in_user;
use crate::components::feedback::{ConfirmButton, FieldMessage};
use crate::i18n::{fill, t};

#[component]
pub fn UserTable(
    list: Vec<UserRow>,
    set_role: ServerAction<SetUserRole>,
    set_disabled: ServerAction<SetUserDisabled>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let me = signed_in_user().map(|u| u.id);
    let t = &t().users;
    let rows = list
        .into_iter()
        .map(|user| {
            let is_me = me == Some(user.id);
            view! { <UserRowView user is_me set_role set_disabled reset/> }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="users-table">
                <thead>
                    <tr>
                        <th>{t.col_username}</th>
                        <th>{t.col_name}</th>
                        <th>{t.col_role}</th>
                        <th>{t.col_status}</th>
                        <th>{t.col_created}</th>
                        <th>{t.col_last_login}</th>
                        <th>{t.col_actions}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn UserRowView(
    user: UserRow,
    is_me: bool,
    set_role: ServerAction<SetUserRole>,
    set_disabled: ServerAction<SetUserDisabled>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let user_id = user.id;
    let disabled = user.disabled;
    let current_role = user.role;
    let on_role = move |ev: leptos::ev::Event| {
        if let Some(role) = Role::parse(&event_target_value(&ev)) {
            if role != current_role {
                set_role.dispatch(SetUserRole { user_id, role });
            }
        }
    };
    let t = &t().users;
    let toggle_label = if disabled { t.enable } else { t.disable };
    let toggle_question =
        fill(if disabled { t.enable_question } else { t.disable_question }, &[&user.username]);

    view! {
        <tr data-username=user.username.clone() class:row-disabled=disabled>
            <td>{user.username.clone()}</td>
            <td>{user.display_name.clone()}</td>
            <td>
                <select aria-label=t.role on:change=on_role disabled=is_me>
                    {Role::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == current_role>{r.label()}</option> })
                        .collect_view()}
                </select>
            </td>
            <td>{if disabled { t.disabled } else { t.active }}</td>
            <td>{user.created.clone()}</td>
            <td>{user.last_login.clone().unwrap_or_else(|| t.never.into())}</td>
            <td class="actions">
                {(!is_me)
                    .then(|| {
                        view! {
                            <ConfirmButton
                                label=toggle_label
                                question=toggle_question.clone()
                                danger=!disabled
                                on_confirm=Callback::new(move |_| {
                                    set_disabled.dispatch(SetUserDisabled { user_id, disabled: !disabled });
                                })
                            />
                        }
                    })}
                <PasswordReset user_id reset/>
            </td>
        </tr>
    }
    .into_any()
}

/// "Reset password": a new password, checked while typing, set after a confirmation.
#[component]
fn PasswordReset(user_id: i64, reset: ServerAction<ResetPassword>) -> impl IntoView {
    let resetting = RwSignal::new(false);
    let t = &t().users;
    let new_password = RwSignal::new(String::new());
    let password_problem = Signal::derive(move || {
        let value = new_password.get();
        if value.is_empty() {
            None
        } else {
            validate_password(&value).err().and_then(|e| e.message.map(|m| m.to_string()))
        }
    });
    view! {
        <button type="button" class="button button-quiet" on:click=move |_| resetting.update(|r| *r = !*r)>
            {t.reset}
        </button>
        <Show when=move || resetting.get()>
            <div class="inline-form">
                <input
                    type="password"
                    aria-label=t.new_password
                    placeholder=t.new_password_placeholder
                    bind:value=new_password
                    autocomplete="new-password"
                />
                <FieldMessage message=password_problem/>
                <ConfirmButton
                    label=t.set_password
                    question=t.set_password_question
                    disabled=Signal::derive(move || {
                        new_password.get().is_empty() || password_problem.get().is_some()
                    })
                    on_confirm=Callback::new(move |_| {
                        reset.dispatch(ResetPassword { user_id, new_password: new_password.get_untracked() });
                        new_password.set(String::new());
                        resetting.set(false);
                    })
                />
            </div>
        </Show>
    }
}
