"""The portal's own words in Russian (the default) and English: labels, buttons, page titles.

Everything the library says — prompts, refusals, password rules — comes from the library in
the page's language (``said``); this module holds only what the library has no say in.
"""

from __future__ import annotations

from typing import Literal, Union

import restore_access as ra
from restore_access import flow, password

Lang = Literal["ru", "en"]
LANGS: tuple[Lang, ...] = ("ru", "en")

TEXTS: dict[str, tuple[str, str]] = {
    "site.title": ("Восстановление доступа", "Access recovery"),
    "site.demo": ("Демонстрационный портал restore-access", "restore-access demo portal"),
    "lang.other": ("English", "Русский"),
    "portal.gosuslugi": ("Госуслуги", "Gosuslugi"),
    "portal.mosru": ("mos.ru", "mos.ru"),
    "home.intro": ("Выберите портал, доступ к которому нужно восстановить.", "Choose the portal to recover access to."),
    "home.recover": ("Восстановить доступ", "Recover access"),
    "home.signup": ("Регистрация на Госуслугах", "Sign up for Gosuslugi"),
    "home.accounts": ("Демо-учётные записи", "Demo accounts"),
    "nav.home": ("На главную", "Home"),
    "nav.outbox": ("Отправленные сообщения (демо)", "Sent messages (demo)"),
    "label.contact": ("Телефон, почта или СНИЛС", "Phone, e-mail or SNILS"),
    "label.document": ("Паспорт (серия и номер), ИНН или СНИЛС", "Passport (series and number), INN or SNILS"),
    "label.login": ("Телефон, почта или СНИЛС", "Phone, e-mail or SNILS"),
    "label.surname": ("Фамилия", "Surname"),
    "label.code": ("Код подтверждения", "Confirmation code"),
    "label.password": ("Новый пароль", "New password"),
    "label.human": ("Я не робот", "I am not a robot"),
    "label.snils": ("СНИЛС", "SNILS"),
    "hint.human_demo": (
        "В демо достаточно отметки; настоящий портал показывает здесь капчу.",
        "In the demo a tick is enough; a real portal shows a CAPTCHA here.",
    ),
    "hint.attempts_left": ("Осталось попыток: {n}", "Attempts left: {n}"),
    "hint.email_link": (
        "Откройте ссылку из письма в этом же браузере.",
        "Open the link from the e-mail in this same browser.",
    ),
    "hint.resend_wait": ("Запросить новый код можно через {s} с", "You can request a new code in {s} s"),
    "hint.retry_at": ("Попробовать снова можно после {at}", "You can try again after {at}"),
    "button.continue": ("Продолжить", "Continue"),
    "button.confirm": ("Подтвердить", "Confirm"),
    "button.resend": ("Отправить код ещё раз", "Send the code again"),
    "button.no_access": ("Нет доступа к телефону и почте", "I have no access to these contacts"),
    "button.nothing_arrived": ("Сообщение не пришло", "Nothing arrived"),
    "button.restart": ("Начать заново", "Start again"),
    "button.save_password": ("Сохранить пароль", "Save the password"),
    "button.recover": ("Восстановить доступ", "Recover access"),
    "button.register": ("Зарегистрироваться", "Sign up"),
    "button.send": ("Отправить", "Send"),
    "password.rules": ("Пароль должен соответствовать правилам:", "The password must meet these rules:"),
    "password.min_length": ("не короче {n} символов", "at least {n} characters"),
    "route.support_form": ("Напишите в службу поддержки", "Write to the support service"),
    "route.phone_line": ("Позвоните в справочную службу", "Call the help line"),
    "route.service_centre": ("Обратитесь в центр госуслуг «Мои документы»", "Visit a «Мои документы» public service centre"),
    "route.bring": ("Возьмите с собой:", "Bring:"),
    "document.passport": ("паспорт", "passport"),
    "document.snils": ("СНИЛС", "SNILS"),
    "support.name": ("Как к вам обращаться", "Your name"),
    "support.contact": ("Телефон или почта для ответа", "Phone or e-mail for the answer"),
    "support.message": ("Опишите ситуацию", "Describe the situation"),
    "support.sent": ("Обращение отправлено. Служба поддержки ответит по указанному контакту.", "Your request was sent. Support will answer at the contact you gave."),
    "link.title": ("Переход по ссылке из письма", "The link from the e-mail"),
    "link.text": ("Нажмите «Продолжить», чтобы задать новый пароль.", "Press «Continue» to set a new password."),
    "link.elsewhere": (
        "Эта ссылка относится к восстановлению, начатому в другом браузере. Откройте её там, где начинали.",
        "This link belongs to a recovery started in another browser. Open it where you started.",
    ),
    "signup.title": ("Регистрация", "Sign up"),
    "signup.conflict": ("СНИЛС уже зарегистрирован", "This SNILS is already registered"),
    "signup.conflict_text": (
        "Учётная запись с этим СНИЛС уже есть. Восстановите к ней доступ: СНИЛС будет логином.",
        "An account with this SNILS already exists. Recover access to it with the SNILS as the login.",
    ),
    "signup.not_in_demo": (
        "Такого СНИЛС нет в демо-справочнике; регистрация новых учётных записей в демо не реализована.",
        "This SNILS is not in the demo directory; signing up new accounts is not part of the demo.",
    ),
    "outbox.title": ("Отправленные сообщения", "Sent messages"),
    "outbox.demo": (
        "ДЕМО. Здесь видно, какие СМС и письма отправил бы портал, вместе с кодами и ссылками. "
        "У настоящего портала такой страницы нет.",
        "DEMO. This page shows the SMS and e-mails the portal would have sent, codes and links "
        "included. A real portal has no such page.",
    ),
    "outbox.empty": ("Пока ничего не отправлено.", "Nothing sent yet."),
    "outbox.to": ("Кому", "To"),
    "error.title": ("Не получилось", "Something went wrong"),
    "error.csrf": (
        "Страница устарела или форма отправлена не с этого сайта. Обновите страницу и повторите.",
        "The page is out of date or the form was not sent from this site. Reload the page and try again.",
    ),
    "error.busy": ("Сервис занят. Повторите через минуту.", "The service is busy. Please try again in a minute."),
    "sms.code": ("Код для восстановления доступа: {code}. Никому его не сообщайте.", "Your access recovery code: {code}. Do not tell it to anyone."),
    "email.link": (
        "Чтобы задать новый пароль, перейдите по ссылке. Если вы не восстанавливали доступ, ничего не делайте.",
        "To set a new password, follow the link. If you did not ask to recover access, do nothing.",
    ),
    "notice.password_changed": (
        "Пароль вашей учётной записи изменён. Если это были не вы, обратитесь в поддержку.",
        "The password of your account was changed. If it was not you, contact support.",
    ),
}


def text(key: str, lang: Lang) -> str:
    ru, en = TEXTS[key]
    return ru if lang == "ru" else en


def said(what: Union[flow.Prompt, ra.Error, password.Violation], lang: Lang) -> str:
    """What the library says of a prompt, a refusal or a broken rule, in ``lang``."""
    return what.message_ru if lang == "ru" else what.message_en

