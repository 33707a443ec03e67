use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::types::{NewUserForm, UserRow};
use crate::api::users::*;
use crate::api::validation::{check, validate_password};
use crate::api::{AppError, FieldError, Permission, Role};
use crate::components::auth::{signed_in_user, Guard};
use crate::components::feedback::{ConfirmButton, ErrorBanner, FieldMessage, Notice};

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <Title text="Users · Obzvon"/>
        <Guard permission=Permission::ManageUsers>
            <UsersAdmin/>
        </Guard>
    }
}

/// Outcome of the last action on this page, shown in one place at the top.
#[derive(Clone, Copy)]
struct Feedback {
    error: RwSignal<Option<AppError>>,
    notice: RwSignal<Option<String>>,
}

impl Feedback {
    fn report<T>(&self, result: Option<Result<T, AppError>>, success: impl FnOnce(T) -> String) {
        match result {
            Some(Ok(value)) => {
                self.error.set(None);
                self.notice.set(Some(success(value)));
            }
            Some(Err(error)) => {
                self.notice.set(None);
                self.error.set(Some(error));
            }
            None => {}
        }
    }
}

#[component]
fn UsersAdmin() -> impl IntoView {
    let create = ServerAction::<CreateUser>::new();
    let set_role = ServerAction::<SetUserRole>::new();
    let set_disabled = ServerAction::<SetUserDisabled>::new();
    let reset = ServerAction::<ResetPassword>::new();
    let users = Resource::new(
        move || (create.version().get(), set_role.version().get(), set_disabled.version().get()),
        |_| list_users(),
    );
    let feedback = Feedback { error: RwSignal::new(None), notice: RwSignal::new(None) };
    Effect::new(move |_| {
        feedback.report(set_role.value().get(), |user| {
            format!("{} is now a {}.", user.username, user.role.label().to_lowercase())
        })
    });
    Effect::new(move |_| {
        feedback.report(set_disabled.value().get(), |user| {
            if user.disabled {
                format!("{} is disabled and signed out everywhere.", user.username)
            } else {
                format!("{} can sign in again.", user.username)
            }
        })
    });
    Effect::new(move |_| {
        feedback.report(reset.value().get(), |()| {
            "Password changed; the user's other sessions were signed out.".to_string()
        })
    });

    view! {
        <header class="page-head">
            <h1>"Users"</h1>
        </header>
        <ErrorBanner error=feedback.error/>
        <Notice message=feedback.notice/>
        <NewUser create/>
        <section class="card">
            <h2>"Everyone"</h2>
            <Transition fallback=|| view! { <p class="muted">"Loading users…"</p> }>
                {move || Suspend::new(async move {
                    match users.await {
                        Ok(list) => view! { <UserTable list set_role set_disabled reset/> }.into_any(),
                        Err(error) => view! { <ErrorBanner error=Some(error)/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn NewUser(create: ServerAction<CreateUser>) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Marketer.as_str().to_string());
    let password = RwSignal::new(String::new());
    let attempted = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);

    let form = move || NewUserForm {
        username: username.get().trim().to_string(),
        display_name: display_name.get().trim().to_string(),
        role: Role::parse(&role.get()),
        password: password.get(),
    };
    let client_errors = Memo::new(move |_| check(&form()));
    let server_error = Signal::derive(move || create.value().get().and_then(|r| r.err()));
    // A field's message: the browser's rule once the field has content (or after a submit
    // attempt), else what the server said.
    let message = move |field: &'static str, value: RwSignal<String>| {
        Signal::derive(move || {
            let show_client = attempted.get() || !value.get().is_empty();
            client_errors
                .get()
                .into_iter()
                .find(|e: &FieldError| e.field == field && show_client)
                .map(|e| e.message)
                .or_else(|| server_error.get().and_then(|e| e.field(field)))
        })
    };
    let general_error =
        Signal::derive(move || server_error.get().filter(|e| !matches!(e, AppError::Invalid(_))));

    Effect::new(move |_| {
        if let Some(Ok(user)) = create.value().get() {
            notice.set(Some(format!(
                "Created {} ({}). They can sign in now.",
                user.username,
                user.role.label()
            )));
            username.set(String::new());
            display_name.set(String::new());
            password.set(String::new());
            attempted.set(false);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        notice.set(None);
        if client_errors.get_untracked().is_empty() {
            create.dispatch(CreateUser { form: form() });
        }
    };

    view! {
        <section class="card">
            <h2>"Add a user"</h2>
            <ErrorBanner error=general_error/>
            <Notice message=notice/>
            <form class="form form-grid" on:submit=submit data-testid="new-user-form">
                <label class="field">
                    <span class="field-label">"Username"</span>
                    <input name="username" bind:value=username autocomplete="off"/>
                    <FieldMessage message=message("username", username)/>
                </label>
                <label class="field">
                    <span class="field-label">"Full name"</span>
                    <input name="display_name" bind:value=display_name autocomplete="off"/>
                    <FieldMessage message=message("display_name", display_name)/>
                </label>
                <label class="field">
                    <span class="field-label">"Role"</span>
                    <select name="role" bind:value=role>
                        {Role::ALL
                            .into_iter()
                            .map(|r| view! { <option value=r.as_str()>{r.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="field-label">"Password (12+ characters)"</span>
                    <input name="password" type="password" bind:value=password autocomplete="new-password"/>
                    <FieldMessage message=message("password", password)/>
                </label>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || create.pending().get()>
                        "Create user"
                    </button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn UserTable(
    list: Vec<UserRow>,
    set_role: ServerAction<SetUserRole>,
    set_disabled: ServerAction<SetUserDisabled>,
    reset: ServerAction<ResetPassword>,
) -> impl IntoView {
    let me = signed_in_user().map(|u| u.id);
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
                        <th>"Username"</th>
                        <th>"Name"</th>
                        <th>"Role"</th>
                        <th>"Status"</th>
                        <th>"Created"</th>
                        <th>"Last sign-in"</th>
                        <th>"Actions"</th>
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
    let resetting = RwSignal::new(false);
    let new_password = RwSignal::new(String::new());
    let password_problem = Signal::derive(move || {
        let value = new_password.get();
        if value.is_empty() {
            None
        } else {
            validate_password(&value).err().and_then(|e| e.message.map(|m| m.to_string()))
        }
    });
    let current_role = user.role;
    let on_role = move |ev: leptos::ev::Event| {
        if let Some(role) = Role::parse(&event_target_value(&ev)) {
            if role != current_role {
                set_role.dispatch(SetUserRole { user_id, role });
            }
        }
    };
    let toggle_label = if disabled { "Enable" } else { "Disable" };
    let toggle_question = if disabled {
        format!("Let {} sign in again?", user.username)
    } else {
        format!("Disable {} and sign them out?", user.username)
    };

    view! {
        <tr data-username=user.username.clone() class:row-disabled=disabled>
            <td>{user.username.clone()}</td>
            <td>{user.display_name.clone()}</td>
            <td>
                <select aria-label="Role" on:change=on_role disabled=is_me>
                    {Role::ALL
                        .into_iter()
                        .map(|r| view! { <option value=r.as_str() selected=r == current_role>{r.label()}</option> })
                        .collect_view()}
                </select>
            </td>
            <td>{if disabled { "Disabled" } else { "Active" }}</td>
            <td>{user.created.clone()}</td>
            <td>{user.last_login.clone().unwrap_or_else(|| "never".into())}</td>
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
                <button type="button" class="button button-quiet" on:click=move |_| resetting.update(|r| *r = !*r)>
                    "Reset password"
                </button>
                <Show when=move || resetting.get()>
                    <div class="inline-form">
                        <input
                            type="password"
                            aria-label="New password"
                            placeholder="New password, 12+ characters"
                            bind:value=new_password
                            autocomplete="new-password"
                        />
                        <FieldMessage message=password_problem/>
                        <ConfirmButton
                            label="Set password"
                            question="Set this password and sign the user out everywhere?"
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
            </td>
        </tr>
    }
    .into_any()
}
