//! The sandbox company: operators, lines, audio files and a balance, the same on every start
//! so tests and demos can name them.

use serde_json::{json, Value};

#[derive(Clone, Debug)]
pub struct Operator {
    /// `general.user_id`, the "abonent_id" campaigns name (manual 3.6, 3.8.4.1).
    pub user_id: i64,
    pub name: &'static str,
    pub extension: &'static str,
    pub department: &'static str,
    pub position: &'static str,
    /// "Use status in Contact Center" switched on.
    pub use_cc_status: bool,
    /// Contact Center status (manual 4.4): 1 online, 2 do not disturb, 3 break, 4 offline,
    /// 5 outbound dialing. Only operators in 5 with `use_cc_status` take campaign calls.
    pub cc_status: u8,
}

#[derive(Clone, Debug)]
pub struct Line {
    pub line_id: i64,
    pub number: &'static str,
    pub name: &'static str,
    pub region: &'static str,
    /// SIP lines cannot be a campaign's outgoing line in the sandbox.
    pub sip: bool,
}

#[derive(Clone, Debug)]
pub struct AudioFile {
    pub id: i64,
    pub name: &'static str,
}

pub const OPERATORS: &[Operator] = &[
    Operator {
        user_id: 400100101,
        name: "Анна Смирнова",
        extension: "101",
        department: "Продажи",
        position: "Старший оператор",
        use_cc_status: true,
        cc_status: 5,
    },
    Operator {
        user_id: 400100102,
        name: "Игорь Кузнецов",
        extension: "102",
        department: "Продажи",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 5,
    },
    Operator {
        user_id: 400100103,
        name: "Мария Попова",
        extension: "103",
        department: "Продажи",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 5,
    },
    Operator {
        user_id: 400100104,
        name: "Дмитрий Васильев",
        extension: "104",
        department: "Продажи",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 5,
    },
    Operator {
        user_id: 400100105,
        name: "Елена Новикова",
        extension: "105",
        department: "Продажи",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 3,
    },
    Operator {
        user_id: 400100106,
        name: "Сергей Морозов",
        extension: "106",
        department: "Поддержка",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 1,
    },
    Operator {
        user_id: 400100107,
        name: "Ольга Волкова",
        extension: "107",
        department: "Поддержка",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 4,
    },
    Operator {
        user_id: 400100108,
        name: "Павел Соколов",
        extension: "108",
        department: "Продажи",
        position: "Оператор",
        use_cc_status: false,
        cc_status: 4,
    },
    Operator {
        user_id: 400100109,
        name: "Наталья Лебедева",
        extension: "109",
        department: "Маркетинг",
        position: "Руководитель отдела",
        use_cc_status: true,
        cc_status: 2,
    },
    Operator {
        user_id: 400100110,
        name: "Алексей Козлов",
        extension: "110",
        department: "Продажи",
        position: "Оператор",
        use_cc_status: true,
        cc_status: 5,
    },
];

pub const LINES: &[Line] = &[
    Line {
        line_id: 400200001,
        number: "74951234567",
        name: "Москва, отдел продаж",
        region: "Москва",
        sip: false,
    },
    Line {
        line_id: 400200002,
        number: "78122345678",
        name: "Санкт-Петербург",
        region: "Санкт-Петербург",
        sip: false,
    },
    Line {
        line_id: 400200003,
        number: "sip:sales@obzvon-demo.mangosip.ru",
        name: "SIP-линия",
        region: "",
        sip: true,
    },
];

pub const AUDIO_FILES: &[AudioFile] = &[
    AudioFile { id: 500301, name: "Приветствие компании" },
    AudioFile { id: 500302, name: "Ожидание — классика" },
    AudioFile { id: 500303, name: "Ожидание — джаз" },
    AudioFile { id: 500304, name: "Автоинформатор: акция недели" },
    AudioFile { id: 500305, name: "Автоинформатор: напоминание о записи" },
    AudioFile { id: 500306, name: "Все операторы заняты" },
    AudioFile { id: 500307, name: "Нерабочее время" },
    AudioFile { id: 500308, name: "Запись разговора ведётся" },
    AudioFile { id: 500309, name: "Опрос удовлетворённости" },
    AudioFile { id: 500310, name: "Ожидание — тишина" },
];

pub const BALANCE_RUB: f64 = 15_230.50;

pub fn operator(user_id: i64) -> Option<&'static Operator> {
    OPERATORS.iter().find(|o| o.user_id == user_id)
}

pub fn line(line_id: i64) -> Option<&'static Line> {
    LINES.iter().find(|l| l.line_id == line_id)
}

pub fn audio_file(id: i64) -> Option<&'static AudioFile> {
    AUDIO_FILES.iter().find(|a| a.id == id)
}

/// `config/users/request` answer (manual 3.6.1), optionally for one extension. `user_id`,
/// `line_id` and `groups` appear only when asked for in `ext_fields`, as in the manual.
pub fn users_json(extension: Option<&str>, ext_fields: &[String]) -> Value {
    let wants = |field: &str| ext_fields.iter().any(|f| f == field);
    let users: Vec<Value> = OPERATORS
        .iter()
        .filter(|o| extension.is_none_or(|e| e == o.extension))
        .map(|o| {
            let mut general = json!({
                "name": o.name,
                "email": format!("op{}@obzvon-demo.ru", o.extension),
                "department": o.department,
                "position": o.position,
                "use_status": i32::from(o.use_cc_status),
            });
            if wants("general.user_id") {
                general["user_id"] = json!(o.user_id);
            }
            let mut telephony = json!({
                "extension": o.extension,
                "outgoingline": LINES[0].number,
                "numbers": [{
                    "number": format!("sip:op{}@obzvon-demo.mangosip.ru", o.extension),
                    "protocol": "sip", "order": 0, "wait_sec": 20, "status": "on"
                }],
            });
            if wants("telephony.line_id") {
                telephony["line_id"] = json!(LINES[0].line_id);
            }
            let mut user = json!({ "general": general, "telephony": telephony });
            if wants("groups") {
                user["groups"] = json!([]);
            }
            user
        })
        .collect();
    json!({ "users": users })
}

pub fn lines_json() -> Value {
    let lines: Vec<Value> = LINES
        .iter()
        .map(|l| json!({"line_id": l.line_id, "number": l.number, "name": l.name, "comment": "", "region": l.region, "schema_id": 1, "schema_name": "Основная схема"}))
        .collect();
    json!({ "result": 1000, "lines": lines })
}

pub fn audio_files_json() -> Value {
    let files: Vec<Value> = AUDIO_FILES.iter().map(|a| json!({"id": a.id, "name": a.name})).collect();
    json!({ "result": 1000, "audiofiles": files })
}
