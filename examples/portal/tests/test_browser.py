"""A real browser (issue 17, test 1): headless Chromium through Selenium walks both
recoveries end to end, the escalation, a wrong-code lockout, the e-mail link path, the
sign-up conflict and the English switch, and saves a screenshot of every page it sees."""

from __future__ import annotations

import re
import shutil
from typing import Iterator

import pytest
import restore_access as ra
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from conftest import SCREENSHOTS, Portal
from walk import account, wrong

from portal.directory import AccountRecord

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None, reason="SKIP: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
)


class Walk:
    """One browser on the portal; ``shot`` saves the page as NN-name.png."""

    def __init__(self, driver: WebDriver, base: str) -> None:
        self.driver, self.base = driver, base
        self.shots: list[str] = []

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        file = f"{len(list(SCREENSHOTS.glob('*.png'))) + 1:02d}-{name}.png"
        self.driver.save_screenshot(str(SCREENSHOTS / file))
        self.shots.append(file)

    def type(self, field: str, text: str) -> None:
        element = self.driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(text)

    def click(self, element_id: str) -> None:
        """Clicks and, where that leaves the page, waits for the next one to load."""
        element = self.driver.find_element(By.ID, element_id)
        leaves = element.tag_name in ("button", "a")
        self.driver.execute_script("window.stillHere = true")
        element.click()
        if leaves:
            WebDriverWait(self.driver, 10).until(
                lambda d: d.execute_script("return !window.stillHere && document.readyState === 'complete'")
            )

    def text(self, element_id: str) -> str:
        return str(self.driver.find_element(By.ID, element_id).text)

    def has(self, element_id: str) -> bool:
        return bool(self.driver.find_elements(By.ID, element_id))

    def outbox(self, name: str) -> tuple[str, str]:
        """Opens the demo outbox; the newest message's text and link."""
        self.open("/outbox")
        self.shot(name)
        newest = self.driver.find_element(By.CSS_SELECTOR, "#outbox li")
        links = newest.find_elements(By.CSS_SELECTOR, "a.link")
        return str(newest.find_element(By.CSS_SELECTOR, ".text").text), str(links[0].get_attribute("href")) if links else ""

    def code(self) -> str:
        text, _ = self.outbox("outbox-sms")
        found = re.search(r"\d{6}", text)
        assert found, text
        return found.group(0)

    def gosuslugi_to_code(self, contact: str, document: str, prefix: str) -> None:
        self.open("/gosuslugi")
        self.shot(f"{prefix}-contact")
        self.type("contact", contact)
        self.click("submit")
        self.shot(f"{prefix}-document")
        self.type("document", document)
        self.click("submit")
        self.shot(f"{prefix}-human-check")
        self.click("human")
        self.click("submit")

    def new_password(self, prefix: str) -> None:
        assert self.driver.find_element(By.ID, "password").get_attribute("autocomplete") == "new-password"
        self.type("password", "qwerty")
        WebDriverWait(self.driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#rules li.bad"))
        self.shot(f"{prefix}-password-checked-as-typed")
        self.click("submit")
        assert self.has("violations")
        self.shot(f"{prefix}-password-refused")
        self.type("password", "Sharik1599+")
        WebDriverWait(self.driver, 5).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#rules li.bad"))
        self.click("submit")
        assert self.has("home")
        self.shot(f"{prefix}-done")


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,900", "--lang=ru"]:
        options.add_argument(arg)
    d = webdriver.Chrome(service=Service(executable_path=DRIVER or ""), options=options)
    yield d
    d.quit()


@pytest.fixture(scope="module", autouse=True)
def fresh_screenshots() -> None:
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)


@pytest.fixture
def walk(driver: WebDriver, sqlite_portal: Portal) -> Iterator[Walk]:
    driver.delete_all_cookies()
    w = Walk(driver, sqlite_portal.urls[0])
    yield w
    print(f"\nscreenshots in {SCREENSHOTS}: {', '.join(w.shots)}")


def test_gosuslugi_by_sms_code(walk: Walk, sqlite_portal: Portal) -> None:
    walk.open("/")
    walk.shot("home")
    walk.gosuslugi_to_code("8 (916) 123-45-67", "45 08 123456", "gosuslugi")
    code_input = walk.driver.find_element(By.ID, "code")
    assert (code_input.get_attribute("autocomplete"), code_input.get_attribute("inputmode")) == ("one-time-code", "numeric")
    resend = walk.driver.find_element(By.ID, "resend")
    assert not resend.is_enabled() and re.search(r"\d+ с", str(resend.text))  # counted down
    walk.shot("gosuslugi-code")
    code = walk.code()
    walk.open("/gosuslugi")
    walk.type("code", code)
    walk.click("submit")
    walk.new_password("gosuslugi")
    record = sqlite_portal.store().get("ivan-petrov")
    assert record is not None and record.version == 1


def test_gosuslugi_by_email_link(walk: Walk) -> None:
    walk.gosuslugi_to_code("ivan.petrov@mail.ru", "112-233-445 95", "link")
    assert walk.has("link-hint") and not walk.has("code")
    walk.shot("link-check-mail")
    _, link = walk.outbox("outbox-email")
    walk.driver.get(link)
    walk.shot("link-opened")
    walk.click("continue")
    walk.new_password("link")


def test_mosru_recovery(walk: Walk, sqlite_portal: Portal) -> None:
    record = account(21, surname="Смирнова")
    sqlite_portal.add(record)
    walk.open("/mosru")
    walk.shot("mosru-login")
    walk.type("login", record.phone or "")
    walk.type("surname", "смирнова")
    walk.click("submit")
    walk.shot("mosru-instructions")
    code = walk.code()
    walk.open("/mosru")
    walk.type("code", code)
    walk.click("submit")
    walk.new_password("mosru")


def test_mosru_escalation(walk: Walk) -> None:
    walk.open("/mosru")
    walk.type("login", "ivan.petrov@mail.ru")
    walk.type("surname", "Петров")
    walk.click("submit")
    walk.click("no-access")
    assert "+7 (495) 539-55-55" in walk.text("route-phone")
    assert "«Мои документы»" in walk.text("route-centre") and "СНИЛС" in walk.text("route-centre")
    walk.shot("mosru-escalation")
    walk.type("support-name", "Иван")
    walk.type("support-contact", "ivan@example.org")
    walk.type("support-message", "Нет доступа к телефону и почте")
    walk.click("support-send")
    walk.shot("mosru-support-sent")


def test_wrong_codes_lock(walk: Walk, sqlite_portal: Portal) -> None:
    record: AccountRecord = account(22)
    sqlite_portal.add(record)
    walk.gosuslugi_to_code(record.phone or "", record.documents[0], "lockout")
    code = walk.code()
    walk.open("/gosuslugi")
    for attempt in range(5):
        walk.type("code", wrong(code))
        walk.click("submit")
        if attempt == 0:
            assert "Неверный код" in walk.text("rejected")
            walk.shot("lockout-wrong-code")
    assert walk.has("retry-at")
    walk.shot("lockout-locked")


def test_signup_conflict_and_english(walk: Walk) -> None:
    walk.open("/gosuslugi/signup")
    walk.type("snils", "112 233 445 95")
    walk.click("submit")
    assert walk.text("conflict") == "СНИЛС уже зарегистрирован"
    walk.shot("signup-snils-registered")
    walk.click("recover")
    assert walk.has("document")
    walk.shot("signup-recover-document")
    walk.click("lang-switch")
    assert walk.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    walk.type("document", "45 08 12345")
    walk.click("submit")
    with pytest.raises(ra.ValidationError) as refused:
        ra.detect_document("45 08 12345")
    assert walk.text("error") == refused.value.message_en  # the library's message, in English
    walk.shot("english-document-error")
