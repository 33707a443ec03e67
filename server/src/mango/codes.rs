//! MANGO's result codes: every code of the seed lists (000, dated 02.06.2025, the newest and
//! preferred where wordings differ; 001; 003; 004), with the Russian description as written
//! there and an English one, and the class fallback of the manual's code list: an unknown code
//! reads as its nearest known class (2219 → 2210, 1090 → 1000).

/// One code of the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultCode {
    pub code: u32,
    /// As the seed document words it.
    pub ru: &'static str,
    pub en: &'static str,
}

/// Sorted by code. All 216 codes of the union are listed in seed 000; seed 000 leaves 2000
/// without a description, so its wording comes from seeds 001/003/004.
pub static CATALOG: &[ResultCode] = &[
    ResultCode { code: 1000, ru: "Действие успешно выполнено", en: "Action completed successfully" },
    ResultCode { code: 1001, ru: "Действие успешно выполнено с уточнениями (необходимо обновить ПО и т.д. Причина указывается дополнительно)", en: "Action completed with remarks (e.g. software update needed; reason given separately)" },
    ResultCode { code: 1100, ru: "Вызов завершен в нормальном режиме", en: "Call ended normally" },
    ResultCode { code: 1110, ru: "Вызов завершен вызывающим абонентом", en: "Call ended by the caller" },
    ResultCode { code: 1111, ru: "Вызов не получил ответа в течение времени ожидания", en: "Call not answered within the waiting time" },
    ResultCode { code: 1120, ru: "Вызов завершен вызываемым абонентом", en: "Call ended by the called party" },
    ResultCode { code: 1121, ru: "Получен ответ \"занято\" от удаленной стороны", en: "Remote side answered \"busy\"" },
    ResultCode { code: 1122, ru: "Вызов отклонен вызываемым абонентом", en: "Call rejected by the called party" },
    ResultCode { code: 1123, ru: "Получен сигнал \"не беспокоить\"", en: "\"Do not disturb\" signal received" },
    ResultCode { code: 1124, ru: "Получатель звонка в статусе \"Не беспокоить\" (КЦ)", en: "Call recipient is in \"Do not disturb\" status (Contact Center)" },
    ResultCode { code: 1125, ru: "Оператор остановил задание ИО", en: "Operator stopped the outbound-dialing task" },
    ResultCode { code: 1130, ru: "Ограничения для вызываемого номера", en: "Restrictions on the called number" },
    ResultCode { code: 1131, ru: "Вызываемый номер недоступен", en: "Called number unavailable" },
    ResultCode { code: 1132, ru: "Вызываемый номер не обслуживается", en: "Called number not in service" },
    ResultCode { code: 1133, ru: "Вызываемый номер не существует", en: "Called number does not exist" },
    ResultCode { code: 1134, ru: "Превышено максимальное число переадресаций", en: "Maximum number of forwardings exceeded" },
    ResultCode { code: 1135, ru: "Переадресация вызова запрещена", en: "Call forwarding forbidden" },
    ResultCode { code: 1140, ru: "Вызовы на регион запрещены настройками ВАТС", en: "Calls to the region forbidden by PBX settings" },
    ResultCode { code: 1150, ru: "Ограничения для вызывающего номера", en: "Restrictions on the calling number" },
    ResultCode { code: 1151, ru: "Вызывающий номер в «черном» списке", en: "Calling number is blacklisted" },
    ResultCode { code: 1152, ru: "Вызывающий номер не найден в «белом» списке", en: "Calling number not found in the whitelist" },
    ResultCode { code: 1160, ru: "Вызов на группу не удался", en: "Call to the group failed" },
    ResultCode { code: 1161, ru: "Удержание запрещено настройками ВАТС", en: "Hold forbidden by PBX settings" },
    ResultCode { code: 1162, ru: "Очередь удержания заполнена", en: "Hold queue is full" },
    ResultCode { code: 1163, ru: "Превышено время ожидания в очереди удержания", en: "Hold queue waiting time exceeded" },
    ResultCode { code: 1164, ru: "Все операторы в данный момент недоступны", en: "All operators are unavailable right now" },
    ResultCode { code: 1170, ru: "Вызов завершен согласно схеме переадресации", en: "Call ended according to the forwarding scheme" },
    ResultCode { code: 1171, ru: "Неверно настроена схема переадресации", en: "Forwarding scheme misconfigured" },
    ResultCode { code: 1180, ru: "Вызов завершен командой пользователя", en: "Call ended by a user command" },
    ResultCode { code: 1181, ru: "Вызов завершен по команде из внешней системы", en: "Call ended by a command from the external system" },
    ResultCode { code: 1182, ru: "Вызов завершен перехватом на другого оператора", en: "Call ended by pickup to another operator" },
    ResultCode { code: 1183, ru: "Назначен новый оператор", en: "New operator assigned" },
    ResultCode { code: 1190, ru: "Вызываемый номер неактивен либо нерабочее расписание", en: "Called number inactive or outside its schedule" },
    ResultCode { code: 1191, ru: "Вызываемый номер неактивен (снят флажок активности ЛК)", en: "Called number inactive (activity switched off in the cabinet)" },
    ResultCode { code: 1192, ru: "Вызываемый номер неактивен по расписанию", en: "Called number inactive by schedule" },
    ResultCode { code: 1193, ru: "Вызываемый номер в разговоре и стоит настройка автоотклонения вызовов", en: "Called number busy in a call and set to auto-reject calls" },
    ResultCode { code: 1200, ru: "Ошибка сессий КЦ", en: "Contact Center session error" },
    ResultCode { code: 1201, ru: "Достигнут лимит подключений", en: "Connection limit reached" },
    ResultCode { code: 1202, ru: "Данные сессии не найдены", en: "Session data not found" },
    ResultCode { code: 1210, ru: "Сервер КЦ не может принять подключение", en: "Contact Center server cannot accept the connection" },
    ResultCode { code: 1211, ru: "Режим обслуживания", en: "Maintenance mode" },
    ResultCode { code: 1212, ru: "Сервер отключен от БД (БРТ)", en: "Server disconnected from the database (backup mode)" },
    ResultCode { code: 1230, ru: "Звершение сессии КЦ по независимым от пользователя причинам", en: "Contact Center session ended for reasons outside the user's control" },
    ResultCode { code: 1231, ru: "Перезагрузка сервера КЦ", en: "Contact Center server restart" },
    ResultCode { code: 1232, ru: "Сессия завершена администратором", en: "Session ended by an administrator" },
    ResultCode { code: 1233, ru: "Сессия завершена администратором, рекомендовано восстановление", en: "Session ended by an administrator; reconnecting recommended" },
    ResultCode { code: 1234, ru: "Сессия завершена администратором, рекомендовано оставаться в оффлайн", en: "Session ended by an administrator; staying offline recommended" },
    ResultCode { code: 1235, ru: "Сервер отключился от БД (переход в БРТ)", en: "Server lost the database (switched to backup mode)" },
    ResultCode { code: 1236, ru: "Изменены критичные данные сессии (логин, пароль, номер телефона, и т.д.)", en: "Critical session data changed (login, password, phone number, etc.)" },
    ResultCode { code: 1300, ru: "Вызов завершен в нормальном режиме", en: "Call ended normally" },
    ResultCode { code: 1310, ru: "На удаленной стороне обнаружен автоответчик", en: "Answering machine detected on the remote side" },
    ResultCode { code: 1311, ru: "Автоответчик - абонент недоступен", en: "Answering machine: subscriber unavailable" },
    ResultCode { code: 1312, ru: "Автоответчик - абонент занят", en: "Answering machine: subscriber busy" },
    ResultCode { code: 1313, ru: "Автоответчик - голосовая почта", en: "Answering machine: voicemail" },
    ResultCode { code: 1314, ru: "Автоответчик - таймаут ответа от сервера антиробота", en: "Answering machine: anti-robot server response timeout" },
    ResultCode { code: 2000, ru: "Ограничение биллинговой системы", en: "Billing system restriction" },
    ResultCode { code: 2100, ru: "Доступ к счету невозможен", en: "Account not accessible" },
    ResultCode { code: 2110, ru: "Счет заблокирован", en: "Account blocked" },
    ResultCode { code: 2120, ru: "Счет закрыт", en: "Account closed" },
    ResultCode { code: 2130, ru: "Счет не обслуживается (frozen)", en: "Account not serviced (frozen)" },
    ResultCode { code: 2140, ru: "Счет недействителен", en: "Account invalid" },
    ResultCode { code: 2200, ru: "Доступ к счету ограничен", en: "Account access restricted" },
    ResultCode { code: 2210, ru: "Доступ ограничен периодом использования", en: "Access restricted by usage period" },
    ResultCode { code: 2211, ru: "Достигнут дневной лимит использования услуги", en: "Daily usage limit of the service reached" },
    ResultCode { code: 2212, ru: "Достигнут месячный лимит использования услуги", en: "Monthly usage limit of the service reached" },
    ResultCode { code: 2220, ru: "Количество одновременных вызовов/действий ограничено", en: "Number of simultaneous calls/actions limited" },
    ResultCode { code: 2230, ru: "Услуга недоступна", en: "Service unavailable" },
    ResultCode { code: 2240, ru: "Недостаточно средств на счете", en: "Insufficient funds on the account" },
    ResultCode { code: 2250, ru: "Ограничение на количество использований услуги в биллинге", en: "Limit on the number of service uses in billing" },
    ResultCode { code: 2251, ru: "Достигнут лимит количества схем IVR для текущего тарифа", en: "Limit on IVR schemes for the current plan reached" },
    ResultCode { code: 2252, ru: "Расписаний больше чем лицензий в биллинге", en: "More schedules than licences in billing" },
    ResultCode { code: 2253, ru: "Закончилось свободное место скрин сервис", en: "Screen-service free space exhausted" },
    ResultCode { code: 2300, ru: "Направление заблокировано", en: "Destination blocked" },
    ResultCode { code: 2400, ru: "Ошибка биллинга", en: "Billing error" },
    ResultCode { code: 3000, ru: "Неверный запрос", en: "Invalid request" },
    ResultCode { code: 3100, ru: "Переданы неверные параметры команды", en: "Invalid command parameters" },
    ResultCode { code: 3101, ru: "Запрос выполнен по методу, отличному от POST", en: "Request made with a method other than POST" },
    ResultCode { code: 3102, ru: "Значение ключа не соответствуют рассчитанному", en: "Signature does not match the computed value" },
    ResultCode { code: 3103, ru: "В запросе отсутствует обязательный параметр", en: "A required parameter is missing" },
    ResultCode { code: 3104, ru: "Параметр передан в неправильном формате", en: "A parameter is in the wrong format" },
    ResultCode { code: 3105, ru: "Неверный ключ доступа", en: "Invalid access key" },
    ResultCode { code: 3106, ru: "Данное значение уже используется", en: "This value is already in use" },
    ResultCode { code: 3107, ru: "Invalid quantity/attribute provided", en: "Invalid quantity/attribute provided" },
    ResultCode { code: 3108, ru: "Значение меньше ожидаемого", en: "Value lower than expected" },
    ResultCode { code: 3109, ru: "Значение больше ожидаемого", en: "Value greater than expected" },
    ResultCode { code: 3110, ru: "Основное поле и поле подтверждение не совпадают", en: "Field and its confirmation do not match" },
    ResultCode { code: 3111, ru: "Некорректно указаны даты \"от\" и \"до\"", en: "\"From\" and \"to\" dates are incorrect" },
    ResultCode { code: 3112, ru: "Недопустимый адрес электронной почты. Введите его в формате имя@домен", en: "Invalid e-mail address; use the form name@domain" },
    ResultCode { code: 3113, ru: "Недопустимое имя хоста электронной почты", en: "Invalid e-mail host name" },
    ResultCode { code: 3114, ru: "Не имеет допустимой записи MX для адреса электронной почты", en: "E-mail address domain has no valid MX record" },
    ResultCode { code: 3115, ru: "Не находится в маршрутизируемом сегменте сети. Адрес электронной почты не должен быть разрешен из общедоступной сети..", en: "E-mail address is not in a routable network segment" },
    ResultCode { code: 3116, ru: "Адрес электронной почты содержит недопустимые символы", en: "E-mail address contains invalid characters" },
    ResultCode { code: 3117, ru: "Адрес электронной почты не соответствует формату quoted-string", en: "E-mail address does not match the quoted-string format" },
    ResultCode { code: 3118, ru: "Адрес электронной почты содержит недопустимое имя", en: "E-mail address contains an invalid name" },
    ResultCode { code: 3119, ru: "Адрес электронной почты превышает допустимую длину", en: "E-mail address exceeds the allowed length" },
    ResultCode { code: 3120, ru: "Пароль должен содержать не менее 8 символов, включать строчные, заглавные латинские буквы и цифры", en: "Password must have at least 8 characters with lowercase and uppercase Latin letters and digits" },
    ResultCode { code: 3121, ru: "Неверно указан Логин sip-учётки. Первый символ должен быть буквой латинского алфавита, остальные - буквы латинского алфавита, цифры или символы. ИЛИ Начинаться с цифры, но содержать как минимум одну букву. ИЛИ Если вам необходимо имя пользователя, состоящее только из цифр, - оно должно начинаться на \"000\". Длина имени пользователя должна быть больше или равна 4 симв", en: "Invalid SIP account login" },
    ResultCode { code: 3122, ru: "Неверно указан домен sip-учётки", en: "Invalid SIP account domain" },
    ResultCode { code: 3123, ru: "Нужно указать лишь 1 из параметров", en: "Only one of the parameters must be given" },
    ResultCode { code: 3124, ru: "Указанная линия не подходит в качестве исходящего номера", en: "The line cannot be used as an outgoing number" },
    ResultCode { code: 3125, ru: "Нужно указать перечисленные параметры (указанный вами параметр имеет значение только в комплексе с остальными)", en: "The listed parameters must be given together" },
    ResultCode { code: 3126, ru: "В описании IVR-схемы обнаружено заикливание", en: "Loop detected in the IVR scheme" },
    ResultCode { code: 3127, ru: "Недействительный auth_token", en: "Invalid auth_token" },
    ResultCode { code: 3128, ru: "Недействительный URL", en: "Invalid URL" },
    ResultCode { code: 3129, ru: "Неверная канальность аудиозаписи", en: "Wrong number of audio channels in the recording" },
    ResultCode { code: 3130, ru: "Неизвестная ошибка смены пароля", en: "Unknown password change error" },
    ResultCode { code: 3131, ru: "Пароль содержит неразрешенные символы", en: "Password contains forbidden characters" },
    ResultCode { code: 3132, ru: "Пароль не содержит обязательные символы", en: "Password lacks required characters" },
    ResultCode { code: 3133, ru: "Глубина хранения пароля", en: "Password history depth" },
    ResultCode { code: 3134, ru: "Пароль присутствует в списке ненадежных", en: "Password is on the list of weak passwords" },
    ResultCode { code: 3135, ru: "Нужно указать один из параметров", en: "One of the parameters must be given" },
    ResultCode { code: 3136, ru: "Неправильный формат номера", en: "Invalid number format" },
    ResultCode { code: 3137, ru: "Пароль недавно изменен. Повторная возможность создания или восстановления будет доступна в зависимости от настроек безопасности", en: "Password changed recently; it can be set or restored again later per security settings" },
    ResultCode { code: 3200, ru: "Неверно указан номер абонента", en: "Invalid subscriber number" },
    ResultCode { code: 3300, ru: "Объект не существует", en: "Object does not exist" },
    ResultCode { code: 3310, ru: "Вызов не найден", en: "Call not found" },
    ResultCode { code: 3320, ru: "Запись разговора не найдена", en: "Call recording not found" },
    ResultCode { code: 3330, ru: "Номер не найден у BATC или сотрудника", en: "Number not found in the PBX or for the employee" },
    ResultCode { code: 3340, ru: "Файл не найден", en: "File not found" },
    ResultCode { code: 3400, ru: "Некорректный JSON передан в API BATC", en: "Invalid JSON sent to the PBX API" },
    ResultCode { code: 3503, ru: "SEARCH_REQUEST_IS_TOO_BIG (например, при передаче больше 500 контактов в АК)", en: "Search request too big (e.g. more than 500 contacts in the address book)" },
    ResultCode { code: 4000, ru: "Действие не может быть выполнено", en: "Action cannot be performed" },
    ResultCode { code: 4001, ru: "Команда не поддерживается", en: "Command not supported" },
    ResultCode { code: 4002, ru: "Продолжительность записи меньше минимально возможной в ВАТС, запись не будет сохранена", en: "Recording shorter than the PBX minimum; it will not be saved" },
    ResultCode { code: 4100, ru: "Выполнить команду по логике работы ВАТС невозможно", en: "Command impossible under the PBX's logic" },
    ResultCode { code: 4101, ru: "Вызов завершен либо не существует", en: "Call ended or does not exist" },
    ResultCode { code: 4102, ru: "Запись разговора уже осуществляется", en: "Call is already being recorded" },
    ResultCode { code: 4104, ru: "Слишком много переадресаций", en: "Too many forwardings" },
    ResultCode { code: 4200, ru: "Связаться с абонентом в данный момент невозможно", en: "Subscriber cannot be reached right now" },
    ResultCode { code: 4290, ru: "\"внутренний\", клиентам отдаём в формате описанном выше. HTTP 429 Too Many Requests / Rate Limit / Превышен лимит количества запросов", en: "Too many requests (HTTP 429, rate limit exceeded)" },
    ResultCode { code: 4300, ru: "СМС сообщение отправить не удалось", en: "SMS could not be sent" },
    ResultCode { code: 4301, ru: "СМС сообщение устарело", en: "SMS expired" },
    ResultCode { code: 4391, ru: "СМС сообщение утеряно (статус возвращает сторонний оператор)", en: "SMS lost (status from a third-party operator)" },
    ResultCode { code: 4392, ru: "СМС сообщение отклонено (статус возвращает сторонний оператор)", en: "SMS rejected (status from a third-party operator)" },
    ResultCode { code: 4393, ru: "СМС сообщение отменено(статус возвращает сторонний оператор)", en: "SMS cancelled (status from a third-party operator)" },
    ResultCode { code: 4400, ru: "Невозможно добавить участника в конференцию", en: "Cannot add a participant to the conference" },
    ResultCode { code: 4401, ru: "Аппаратная ошибка", en: "Hardware error" },
    ResultCode { code: 4402, ru: "Сервис не доступен", en: "Service unavailable" },
    ResultCode { code: 4403, ru: "Недостаточно ресурсов", en: "Insufficient resources" },
    ResultCode { code: 4404, ru: "Превышено ограничение на количество участников конференции", en: "Conference participant limit exceeded" },
    ResultCode { code: 4405, ru: "Подключение запрещено настройками комнаты конференций", en: "Joining forbidden by conference room settings" },
    ResultCode { code: 4500, ru: "Ограничения системы безопасности", en: "Security restrictions" },
    ResultCode { code: 4501, ru: "Установлено ограничение частоты звонков", en: "Call frequency limit set" },
    ResultCode { code: 4502, ru: "Вызывающий номер в черном списке входящих номеров", en: "Calling number on the incoming blacklist" },
    ResultCode { code: 4503, ru: "Превышен максимальный размер файла", en: "Maximum file size exceeded" },
    ResultCode { code: 4504, ru: "Не удалось определить размер файла", en: "Could not determine the file size" },
    ResultCode { code: 4505, ru: "Формат файла не соответствует разрешенному", en: "File format not allowed" },
    ResultCode { code: 4506, ru: "Вызов не соответствует профилю безопасности", en: "Call does not match the security profile" },
    ResultCode { code: 4507, ru: "Абонент заблокирован (ИБ\\владельцем продукта)", en: "Subscriber blocked (by security or the product owner)" },
    ResultCode { code: 5000, ru: "Ошибка сервера", en: "Server error" },
    ResultCode { code: 5001, ru: "Перегрузка - когда срабатывает какое-либо из ограничения канала, уровня штука/в секунду на коммутаторе", en: "Overload: a channel or per-second limit on the switch was hit" },
    ResultCode { code: 5002, ru: "Перезапуск - рестарт коммутатора", en: "Restart of the switch" },
    ResultCode { code: 5003, ru: "Технические проблемы - любая внутренняя ошибка", en: "Technical problems: an internal error" },
    ResultCode { code: 5004, ru: "Проблемы доступа к базе данных", en: "Database access problems" },
    ResultCode { code: 5005, ru: "Запрет действия в сервисном режиме", en: "Action forbidden in service mode" },
    ResultCode { code: 5006, ru: "Ошибка доступа к сервису", en: "Service access error" },
    ResultCode { code: 5007, ru: "Внутренняя ошибка удаленной стороны", en: "Internal error on the remote side" },
    ResultCode { code: 5008, ru: "Услуга недоступна", en: "Service unavailable" },
    ResultCode { code: 5009, ru: "Услуга не может быть добавлена", en: "Service cannot be added" },
    ResultCode { code: 5010, ru: "Недостаточно денег для подключения услуги", en: "Not enough money to enable the service" },
    ResultCode { code: 5011, ru: "Таймаут запроса к сервису", en: "Service request timed out" },
    ResultCode { code: 5101, ru: "Нет продукта КЦ", en: "No Contact Center product" },
    ResultCode { code: 5102, ru: "Превышен лимит активных кампаний", en: "Active campaign limit exceeded" },
    ResultCode { code: 5103, ru: "Превышен лимит кампаний", en: "Campaign limit exceeded" },
    ResultCode { code: 5104, ru: "Некорректные параметры (зависит от комбинации полей service_type, callback_button_id, created_by)", en: "Invalid parameters (depends on service_type, callback_button_id, created_by)" },
    ResultCode { code: 5105, ru: "Указанный при создании кампании \"abonent_id\" в поле \"created by\" не существует", en: "The abonent_id given in \"created_by\" does not exist" },
    ResultCode { code: 5106, ru: "Текущий статус кампании не позволяет выполнить данное действие", en: "The campaign's current status does not allow this action" },
    ResultCode { code: 5107, ru: "Количество заданий для кампании превышает допустимое значение (10 000)", en: "Number of tasks for the campaign exceeds the allowed 10,000" },
    ResultCode { code: 5108, ru: "Превышен лимит количества активных заданий для кампании", en: "Active task limit for the campaign exceeded" },
    ResultCode { code: 5109, ru: "Повторение номеров в заданиях для кампании", en: "Repeated numbers among the campaign's tasks" },
    ResultCode { code: 5110, ru: "Ошибка в процессе запуска задания для кампании", en: "Error while starting a campaign task" },
    ResultCode { code: 5111, ru: "Текущий статус задания не позволяет выполнить данное действие", en: "The task's current status does not allow this action" },
    ResultCode { code: 5112, ru: "Достигнут лимит на количество кампаний без оператора", en: "Limit on campaigns without an operator reached" },
    ResultCode { code: 5113, ru: "Достигнут лимит на общее количество активных заданий для всех кампаний", en: "Limit on active tasks across all campaigns reached" },
    ResultCode { code: 5114, ru: "Достигнут лимит на количество кампаний с оператором", en: "Limit on campaigns with an operator reached" },
    ResultCode { code: 5200, ru: "Не подключена услуга ALLOW_GROUPS", en: "ALLOW_GROUPS service not enabled" },
    ResultCode { code: 5201, ru: "Опция \"Разрешаю подключать услуги BATC средствами API конструктора\" не активирована", en: "Option allowing PBX services to be enabled through the API builder is not active" },
    ResultCode { code: 5202, ru: "Группа/сотрудник задействованы в схеме переадресации", en: "Group/employee used in a forwarding scheme" },
    ResultCode { code: 5203, ru: "Группа/сотрудник задействованы в переадресации по номеру клиента", en: "Group/employee used in forwarding by client number" },
    ResultCode { code: 5204, ru: "Группа/сотрудник задействованы в виджете обратных звонков", en: "Group/employee used in a callback widget" },
    ResultCode { code: 5205, ru: "Группа/сотрудник задействованы в кампании исходящего обзвона", en: "Group/employee used in an outbound-dialing campaign" },
    ResultCode { code: 5206, ru: "Сотрудник задействован в КЦ", en: "Employee used in the Contact Center" },
    ResultCode { code: 5207, ru: "Номер сотрудника задействован в КЦ", en: "Employee's number used in the Contact Center" },
    ResultCode { code: 5208, ru: "Невозможно удалить номер, являющийся \"номером по-умолчанию\"", en: "Cannot delete the default number" },
    ResultCode { code: 5209, ru: "ANI уже существует", en: "ANI already exists" },
    ResultCode { code: 5210, ru: "Невозможно удалить учетную запись с административными правами", en: "Cannot delete an account with administrator rights" },
    ResultCode { code: 5211, ru: "Невозможно найти домен для создания пользователя", en: "Cannot find a domain to create the user" },
    ResultCode { code: 5212, ru: "Нет активных номеров. Укажите хотя бы один активный номер.", en: "No active numbers; give at least one active number" },
    ResultCode { code: 5213, ru: "Невозможно создать учетную запись SIP, которая уже используется как внешний номер в средствах приема звонков", en: "Cannot create a SIP account already used as an external number" },
    ResultCode { code: 5214, ru: "Невозможно удалить номер", en: "Cannot delete the number" },
    ResultCode { code: 5215, ru: "Запрещено использование генерального SIP для номера сотрудника", en: "The general SIP cannot be used as an employee's number" },
    ResultCode { code: 5216, ru: "Завершено не успешно. Номер %s - единственный активный у сотрудника-владельца.", en: "Failed: the number is the owner's only active number" },
    ResultCode { code: 5217, ru: "Cannot get widgets", en: "Cannot get widgets" },
    ResultCode { code: 5218, ru: "После того как сотруднику был добавлен хотя бы один номер/sip-учётка/skype, нельзя удалять все номера связи, один должен остаться", en: "Cannot delete all contact numbers once one was added" },
    ResultCode { code: 5219, ru: "Невозможно удалить номер, являющийся \"номером по-умолчанию\".", en: "Cannot delete the default number" },
    ResultCode { code: 5220, ru: "Невозможно основной номер сотрудника закрепить за другим сотрудником.", en: "Cannot assign an employee's main number to another employee" },
    ResultCode { code: 5221, ru: "Не подключена услуга BW_LIST / Достигнут лимит настроенных сотрудников. Согласно условиям версии вашей Виртуальной АТС, вы больше не можете добавить новых сотрудников.", en: "BW_LIST service not enabled / employee limit of your PBX version reached" },
    ResultCode { code: 5222, ru: "Лимит на количество номеров в Ч/Б списках равен 20 000", en: "Black/white list limit is 20,000 numbers" },
    ResultCode { code: 5223, ru: "Группа/сотрудник задействованы в переадресации по региону", en: "Group/employee used in forwarding by region" },
    ResultCode { code: 5224, ru: "Невозможно удалить правило переадресации ANI ROUTING", en: "Cannot delete the ANI ROUTING forwarding rule" },
    ResultCode { code: 5225, ru: "Не подключена услуга ANI_ROUTING", en: "ANI_ROUTING service not enabled" },
    ResultCode { code: 5226, ru: "Не указан номер для перевода звонков", en: "No number given for call transfer" },
    ResultCode { code: 5227, ru: "Группа/сотрудник задействованы в правиле автосекретаря", en: "Group/employee used in an auto-attendant rule" },
    ResultCode { code: 5228, ru: "Превышен лимит количества сотрудников", en: "Employee limit exceeded" },
    ResultCode { code: 5300, ru: "Не подключена услуга API_CONNECT при работе с АК через апи (услуга ADDRESS_BOOK не важна)", en: "API_CONNECT service not enabled for address-book API work" },
    ResultCode { code: 5301, ru: "При работе с АК через апи параметр sourcetype <> 'vpbx' (не для клиентов)", en: "Address-book API: sourcetype other than 'vpbx' (not for clients)" },
    ResultCode { code: 5302, ru: "Запрещено создание и удаление сотрудника-робота (виртуального ассистента)", en: "Creating or deleting a robot employee (virtual assistant) is forbidden" },
    ResultCode { code: 6000, ru: "Доставка факса не выполнялась", en: "Fax not delivered" },
    ResultCode { code: 6010, ru: "Технические проблемы сервиса факс-рассылок", en: "Technical problems of the fax service" },
    ResultCode { code: 6011, ru: "Указанный в задании на факс рассылку номер недоступен в течение часа", en: "Fax number unavailable for an hour" },
    ResultCode { code: 6012, ru: "Указанный в задании на факс рассылку номер не существует", en: "Fax number does not exist" },
    ResultCode { code: 6013, ru: "На указанном номере не установлен факс-аппарат", en: "No fax machine on the number" },
    ResultCode { code: 6014, ru: "Адресат отказался принимать факс", en: "Recipient refused the fax" },
    ResultCode { code: 6100, ru: "Ошибка при преобразовании факса", en: "Fax conversion error" },
    ResultCode { code: 6101, ru: "Превышен допустимый размер исходного файла (10 мегабайт)", en: "Source file exceeds 10 MB" },
    ResultCode { code: 6102, ru: "Превышено допустимое число страниц (30)", en: "Page limit (30) exceeded" },];

/// The entry for exactly this code.
pub fn exact(code: u32) -> Option<&'static ResultCode> {
    CATALOG.binary_search_by_key(&code, |c| c.code).ok().map(|i| &CATALOG[i])
}

/// A class line of seed 000's table ("Класс" column): `1xxx`, `11xx` or `111x`, with the code
/// written beside it where the seed writes one. Seed 000 lists a `dddx` subclass only where
/// one exists (112x, 221x, …); 31xx, 32xx, 41xx–45xx and 51xx–53xx are flat lists under one
/// class line, and 51xx–53xx have no code of their own (seed 000, "Список кодов результатов").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeClass {
    pub label: &'static str,
    pub code: Option<u32>,
    pub ru: &'static str,
    pub en: &'static str,
}

/// Every class line of seed 000, in its order. The seed labels 3340 "Файл не найден" with
/// `333x` a second time; its code says `334x`, which is how it is kept here.
pub static CLASSES: &[CodeClass] = &[
    CodeClass {
        label: "1xxx",
        code: Some(1000),
        ru: "Действие успешно выполнено",
        en: "Action completed successfully",
    },
    CodeClass {
        label: "11xx",
        code: Some(1100),
        ru: "Вызов завершен в нормальном режиме",
        en: "Call ended normally",
    },
    CodeClass {
        label: "111x",
        code: Some(1110),
        ru: "Вызов завершен вызывающим абонентом",
        en: "Call ended by the caller",
    },
    CodeClass {
        label: "112x",
        code: Some(1120),
        ru: "Вызов завершен вызываемым абонентом",
        en: "Call ended by the called party",
    },
    CodeClass {
        label: "113x",
        code: Some(1130),
        ru: "Ограничения для вызываемого номера",
        en: "Restrictions on the called number",
    },
    CodeClass {
        label: "114x",
        code: Some(1140),
        ru: "Вызовы на регион запрещены настройками ВАТС",
        en: "Calls to the region forbidden by PBX settings",
    },
    CodeClass {
        label: "115x",
        code: Some(1150),
        ru: "Ограничения для вызывающего номера",
        en: "Restrictions on the calling number",
    },
    CodeClass {
        label: "116x",
        code: Some(1160),
        ru: "Вызов на группу не удался",
        en: "Call to the group failed",
    },
    CodeClass {
        label: "117x",
        code: Some(1170),
        ru: "Вызов завершен согласно схеме переадресации",
        en: "Call ended according to the forwarding scheme",
    },
    CodeClass {
        label: "118x",
        code: Some(1180),
        ru: "Вызов завершен командой пользователя",
        en: "Call ended by a user command",
    },
    CodeClass {
        label: "119x",
        code: Some(1190),
        ru: "Вызываемый номер неактивен либо нерабочее расписание",
        en: "Called number inactive or outside its schedule",
    },
    CodeClass {
        label: "12xx", code: Some(1200), ru: "Ошибка сессий КЦ", en: "Contact Center session error"
    },
    CodeClass {
        label: "121x",
        code: Some(1210),
        ru: "Сервер КЦ не может принять подключение",
        en: "Contact Center server cannot accept the connection",
    },
    CodeClass {
        label: "123x",
        code: Some(1230),
        ru: "Звершение сессии КЦ по независимым от пользователя причинам",
        en: "Contact Center session ended for reasons outside the user's control",
    },
    CodeClass {
        label: "13xx",
        code: Some(1300),
        ru: "Вызов завершен в нормальном режиме",
        en: "Call ended normally",
    },
    CodeClass {
        label: "131x",
        code: Some(1310),
        ru: "На удаленной стороне обнаружен автоответчик",
        en: "Answering machine detected on the remote side",
    },
    CodeClass {
        label: "2xxx",
        code: Some(2000),
        ru: "Ограничение биллинговой системы",
        en: "Billing system restriction",
    },
    CodeClass {
        label: "21xx",
        code: Some(2100),
        ru: "Доступ к счету невозможен",
        en: "Account not accessible",
    },
    CodeClass {
        label: "211x", code: Some(2110), ru: "Счет заблокирован", en: "Account blocked"
    },
    CodeClass { label: "212x", code: Some(2120), ru: "Счет закрыт", en: "Account closed" },
    CodeClass {
        label: "213x",
        code: Some(2130),
        ru: "Счет не обслуживается (frozen)",
        en: "Account not serviced (frozen)",
    },
    CodeClass {
        label: "214x", code: Some(2140), ru: "Счет недействителен", en: "Account invalid"
    },
    CodeClass {
        label: "22xx",
        code: Some(2200),
        ru: "Доступ к счету ограничен",
        en: "Account access restricted",
    },
    CodeClass {
        label: "221x",
        code: Some(2210),
        ru: "Доступ ограничен периодом использования",
        en: "Access restricted by usage period",
    },
    CodeClass {
        label: "222x",
        code: Some(2220),
        ru: "Количество одновременных вызовов/действий ограничено",
        en: "Number of simultaneous calls/actions limited",
    },
    CodeClass {
        label: "223x", code: Some(2230), ru: "Услуга недоступна", en: "Service unavailable"
    },
    CodeClass {
        label: "224x",
        code: Some(2240),
        ru: "Недостаточно средств на счете",
        en: "Insufficient funds on the account",
    },
    CodeClass {
        label: "225x",
        code: Some(2250),
        ru: "Ограничение на количество использований услуги в биллинге",
        en: "Limit on the number of service uses in billing",
    },
    CodeClass {
        label: "23xx", code: Some(2300), ru: "Направление заблокировано", en: "Destination blocked"
    },
    CodeClass { label: "24xx", code: Some(2400), ru: "Ошибка биллинга", en: "Billing error" },
    CodeClass { label: "3xxx", code: Some(3000), ru: "Неверный запрос", en: "Invalid request" },
    CodeClass {
        label: "31xx",
        code: Some(3100),
        ru: "Переданы неверные параметры команды",
        en: "Invalid command parameters",
    },
    CodeClass {
        label: "32xx",
        code: Some(3200),
        ru: "Неверно указан номер абонента",
        en: "Invalid subscriber number",
    },
    CodeClass {
        label: "33xx", code: Some(3300), ru: "Объект не существует", en: "Object does not exist"
    },
    CodeClass { label: "331x", code: Some(3310), ru: "Вызов не найден", en: "Call not found" },
    CodeClass {
        label: "332x",
        code: Some(3320),
        ru: "Запись разговора не найдена",
        en: "Call recording not found",
    },
    CodeClass {
        label: "333x",
        code: Some(3330),
        ru: "Номер не найден у BATC или сотрудника",
        en: "Number not found in the PBX or for the employee",
    },
    CodeClass { label: "334x", code: Some(3340), ru: "Файл не найден", en: "File not found" },
    CodeClass {
        label: "34xx",
        code: Some(3400),
        ru: "Некорректный JSON передан в API BATC",
        en: "Invalid JSON sent to the PBX API",
    },
    CodeClass {
        label: "4xxx",
        code: Some(4000),
        ru: "Действие не может быть выполнено",
        en: "Action cannot be performed",
    },
    CodeClass {
        label: "41xx",
        code: Some(4100),
        ru: "Выполнить команду по логике работы ВАТС невозможно",
        en: "Command impossible under the PBX's logic",
    },
    CodeClass {
        label: "42xx",
        code: Some(4200),
        ru: "Связаться с абонентом в данный момент невозможно",
        en: "Subscriber cannot be reached right now",
    },
    CodeClass {
        label: "43xx",
        code: Some(4300),
        ru: "СМС сообщение отправить не удалось",
        en: "SMS could not be sent",
    },
    CodeClass {
        label: "44xx",
        code: Some(4400),
        ru: "Невозможно добавить участника в конференцию",
        en: "Cannot add a participant to the conference",
    },
    CodeClass {
        label: "45xx",
        code: Some(4500),
        ru: "Ограничения системы безопасности",
        en: "Security restrictions",
    },
    CodeClass { label: "5xxx", code: Some(5000), ru: "Ошибка сервера", en: "Server error" },
    CodeClass {
        label: "51xx", code: None, ru: "Кампании и задания", en: "Campaigns and tasks"
    },
    CodeClass {
        label: "52xx", code: None, ru: "Группы и сотрудники", en: "Groups and employees"
    },
    CodeClass { label: "53xx", code: None, ru: "Адресная книга", en: "Address book" },
    CodeClass {
        label: "6xxx",
        code: Some(6000),
        ru: "Доставка факса не выполнялась",
        en: "Fax not delivered",
    },
    CodeClass {
        label: "601x",
        code: Some(6010),
        ru: "Технические проблемы сервиса факс-рассылок",
        en: "Technical problems of the fax service",
    },
    CodeClass {
        label: "61xx",
        code: Some(6100),
        ru: "Ошибка при преобразовании факса",
        en: "Fax conversion error",
    },
];

/// The narrowest class of seed 000 that `code` falls in: its `dddx` subclass where the seed
/// lists one, else its `ddxx` class, else its `dxxx` class.
pub fn class_of(code: u32) -> Option<&'static CodeClass> {
    let digits = code.to_string();
    CLASSES
        .iter()
        .filter(|class| {
            let prefix = class.label.trim_end_matches('x');
            digits.len() == class.label.len() && digits.starts_with(prefix)
        })
        .max_by_key(|class| class.label.trim_end_matches('x').len())
}

/// What a code means, by the manual's rule for codes it does not list: "if the external
/// system receives 2219 it must read it as 2210 (class 221x), 1090 as 1000 (class 1xxx)"
/// (seed 000, "Список кодов результатов").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meaning {
    /// A code the seeds list.
    Listed(&'static ResultCode),
    /// An unlisted code, read as its class.
    Class(&'static CodeClass),
}

impl Meaning {
    /// The code whose meaning it takes: itself, or its class's code (None for a class the
    /// seed gives no code, such as 51xx).
    pub fn code(self) -> Option<u32> {
        match self {
            Meaning::Listed(entry) => Some(entry.code),
            Meaning::Class(class) => class.code,
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Meaning::Listed(entry) => entry.en,
            Meaning::Class(class) => class.en,
        }
    }

    pub fn ru(self) -> &'static str {
        match self {
            Meaning::Listed(entry) => entry.ru,
            Meaning::Class(class) => class.ru,
        }
    }
}

/// The code as listed, else its class (2219 → 221x, 1090 → 1xxx, 5115 → 51xx); None for a
/// code outside every class (7000).
pub fn meaning(code: u32) -> Option<Meaning> {
    exact(code).map(Meaning::Listed).or_else(|| class_of(code).map(Meaning::Class))
}

/// The code whose meaning `code` takes (itself if listed, 1120 for an unlisted 112x); the code
/// itself when its class has no code of its own or it falls in no class.
pub fn reads_as(code: u32) -> u32 {
    meaning(code).and_then(Meaning::code).unwrap_or(code)
}

/// A command succeeded: 1000, 1001 "with remarks", or an unlisted code that reads as one of
/// them by the class rule (1090 → 1000; manual, "Список кодов результатов"). Call-end codes
/// (11xx–13xx) are not successes of a command.
pub fn is_success(code: u32) -> bool {
    matches!(meaning(code).and_then(Meaning::code), Some(1000 | 1001))
}

/// The English description of `code` or of its class, for messages.
pub fn describe_en(code: u32) -> &'static str {
    meaning(code).map_or("unknown result code", Meaning::en)
}

/// The Russian description of `code` or of its class, as the seed words it.
pub fn describe_ru(code: u32) -> &'static str {
    meaning(code).map_or("неизвестный код результата", Meaning::ru)
}

/// The description of `code` in the reader's language ([`app::i18n::current`]).
pub fn describe(code: u32) -> &'static str {
    match app::i18n::current() {
        app::i18n::Lang::Ru => describe_ru(code),
        app::i18n::Lang::En => describe_en(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_the_union_of_the_seed_lists() {
        // Counted from the seeds: 216 codes in 000, 103 in 001, 120 in 003, 120 in 004; none
        // of 001, 003, 004 lists a code that 000 lacks.
        assert_eq!(CATALOG.len(), 216);
        assert!(CATALOG.windows(2).all(|w| w[0].code < w[1].code), "sorted, no repeats");
        assert!(CATALOG
            .iter()
            .all(|c| (1000..10000).contains(&c.code) && !c.ru.is_empty() && !c.en.is_empty()));
    }

    #[test]
    fn exact_codes_with_the_seed_wording() {
        assert_eq!(exact(3102).unwrap().ru, "Значение ключа не соответствуют рассчитанному");
        assert_eq!(exact(5109).unwrap().ru, "Повторение номеров в заданиях для кампании");
        assert_eq!(exact(5107).unwrap().en, "Number of tasks for the campaign exceeds the allowed 10,000");
        // Seeds word 1124 differently; seed 000 wins.
        assert_eq!(exact(1124).unwrap().ru, "Получатель звонка в статусе \"Не беспокоить\" (КЦ)");
        // Seed 000 lists 2000 with an empty description; 001, 003 and 004 word it.
        assert_eq!(exact(2000).unwrap().ru, "Ограничение биллинговой системы");
        // 5001 is "Перегрузка" in 001 and a switch restart in 003/004; seed 000 wins.
        assert!(exact(5001).unwrap().ru.starts_with("Перегрузка - когда срабатывает"));
        // Codes that only the newest seed lists.
        assert_eq!(
            exact(5113).unwrap().ru,
            "Достигнут лимит на общее количество активных заданий для всех кампаний"
        );
        assert_eq!(exact(3503).unwrap().code, 3503);
        assert_eq!(exact(2219), None);
    }

    #[test]
    fn unknown_codes_read_as_their_class() {
        // The manual's own examples (seed 000): 2219 as 2210 (class 221x), 1090 as 1000 (1xxx).
        assert_eq!(reads_as(2219), 2210);
        assert_eq!(reads_as(1090), 1000);
        assert_eq!(reads_as(3199), 3100);
        assert_eq!(reads_as(1126), 1120, "class 112x");
        assert_eq!(reads_as(1199), 1190, "class 119x");
        assert_eq!(reads_as(1250), 1200, "12xx lists no 125x subclass");
        assert_eq!(reads_as(3345), 3340, "3340 is class 334x although the seed labels it 333x");
        assert_eq!(describe_en(2219), "Access restricted by usage period");
        assert_eq!(describe_ru(1090), "Действие успешно выполнено");
        assert_eq!(describe_en(7000), "unknown result code");
        assert!(is_success(1000) && is_success(1001) && is_success(1090));
        assert!(!is_success(5106) && !is_success(1100) && !is_success(1121) && !is_success(7000));
    }

    /// Seed 000 lists 31xx, 32xx, 41xx–45xx and 51xx–53xx without `dddx` subclasses: an unlisted
    /// code there reads as the `ddxx` class, never as the `ddd0` code that happens to exist.
    #[test]
    fn flat_classes_have_no_subclass() {
        let class = |code| match meaning(code) {
            Some(Meaning::Class(class)) => class.label,
            other => panic!("{code}: {other:?}"),
        };
        assert_eq!(class(5115), "51xx");
        assert_eq!(class(5119), "51xx", "5110 is a code of the flat 51xx list, not a class");
        assert_eq!(class(5129), "51xx");
        assert_eq!(describe_en(5115), "Campaigns and tasks");
        assert_eq!(describe_ru(5299), "Группы и сотрудники");
        assert_eq!(reads_as(5115), 5115, "51xx has no code of its own");
        assert_eq!(class(3199), "31xx");
        assert_eq!(reads_as(3199), 3100);
        assert_eq!(class(5099), "5xxx", "no 50xx class line");
        assert_eq!(reads_as(4219), 4200);
        // Every class line with a code names a listed code, and every dddx class a listed ddxx
        // or dxxx parent.
        for class in CLASSES {
            if let Some(code) = class.code {
                assert!(exact(code).is_some(), "{}", class.label);
            }
            assert!(class.label.len() == 4 && !class.label.trim_end_matches('x').is_empty());
        }
    }
}
