// The two things a page does by itself: count down the wait before «resend», and check the
// new password as it is typed (the server asks the library; nothing is decided here).
"use strict";

function countDown(button) {
  let left = Number(button.dataset.wait);
  const label = button.textContent;
  const tick = () => {
    if (left <= 0) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.disabled = true;
    button.textContent = button.dataset.waitText.replace("{s}", String(left));
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

function checkAsTyped(input) {
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const rules = document.querySelectorAll("#rules li[data-code]");
  const more = document.getElementById("more-rules");
  let pending = null;
  let asked = 0;
  const check = async () => {
    const mine = ++asked;
    const response = await fetch(input.dataset.check, {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": token },
      body: JSON.stringify({ password: input.value }),
      credentials: "same-origin",
    });
    if (!response.ok || mine !== asked) return;
    const report = await response.json();
    const broken = new Map(report.violations.map((v) => [v.code, v.text]));
    for (const rule of rules) {
      const bad = broken.has(rule.dataset.code);
      rule.classList.toggle("bad", bad && input.value !== "");
      rule.classList.toggle("ok", !bad);
      broken.delete(rule.dataset.code);
    }
    more.replaceChildren(...[...broken].map(([code, text]) => {
      const li = document.createElement("li");
      li.className = "bad";
      li.dataset.code = code;
      li.textContent = text;
      return li;
    }));
  };
  input.addEventListener("input", () => {
    clearTimeout(pending);
    pending = setTimeout(check, 150);
  });
}

document.querySelectorAll("[data-wait]").forEach(countDown);
document.querySelectorAll("input[data-check]").forEach(checkAsTyped);
