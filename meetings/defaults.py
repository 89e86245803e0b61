"""The letters and questions every new user starts with.

The letters ask for information or advice and a short conversation, never for a
job: asking a near-stranger for a job drives them away.
"""

from __future__ import annotations

from .models import LetterKind, Purpose

DEFAULT_TEMPLATES: list[dict[str, str]] = [
    {
        "name": "Through a referral",
        "kind": LetterKind.REFERRAL,
        "subject": "{referrer} suggested I contact you",
        "body": (
            "Dear {first_name},\n\n"
            "{referrer} suggested I contact you. I am learning about {topic}, and {referrer} said you "
            "would be a great person to ask.\n\n"
            "I am not asking about jobs; I would value your advice and perspective. Could I have "
            "{minutes} minutes of your time for a coffee or a call in the next couple of weeks, "
            "whenever suits you?\n\n"
            "Thank you for considering it.\n\n"
            "Best regards,\n{my_name}"
        ),
    },
    {
        "name": "Alumni",
        "kind": LetterKind.ALUMNI,
        "subject": "A fellow alum asking for your advice",
        "body": (
            "Dear {first_name},\n\n"
            "I found you through our alumni network and saw that you are {title} at {company}. "
            "I am exploring {topic} and would love to hear how you got where you are.\n\n"
            "Would you have {minutes} minutes for a short conversation? I am looking for information "
            "and advice, not a job, and I am happy to work around your schedule.\n\n"
            "With thanks,\n{my_name}"
        ),
    },
    {
        "name": "Cold",
        "kind": LetterKind.COLD,
        "subject": "A short question about your work at {company}",
        "body": (
            "Dear {first_name},\n\n"
            "I admire your work as {title} at {company}, and I am learning about {topic}. "
            "Would you be willing to share your perspective in a {minutes}-minute call?\n\n"
            "I am not asking for a job, only for your advice, and I will keep it brief.\n\n"
            "Thank you for your time,\n{my_name}"
        ),
    },
    {
        "name": "Follow-up after an event",
        "kind": LetterKind.EVENT,
        "subject": "Great to meet you at {how_we_met}",
        "body": (
            "Dear {first_name},\n\n"
            "It was a pleasure meeting you at {how_we_met}. I enjoyed our conversation and would "
            "like to learn more about your experience with {topic}.\n\n"
            "Could we find {minutes} minutes for a coffee or a call in the coming weeks? I would "
            "value your advice. And if there is anything I can do for you, please tell me.\n\n"
            "Best,\n{my_name}"
        ),
    },
]

DEFAULT_QUESTIONS: dict[str, list[str]] = {
    Purpose.FIELD: [
        "How did you get into this field?",
        "What does a typical week look like for you?",
        "What do you enjoy most about the work, and what least?",
        "Which skills matter most to succeed in this field?",
        "How is the field changing, and where do you see it in five years?",
        "Which associations, events or publications should I follow?",
    ],
    Purpose.COMPANY: [
        "How would you describe the culture here?",
        "What are the biggest challenges the company is facing?",
        "How are teams organised, and how do decisions get made?",
        "What do people who do well here have in common?",
    ],
    Purpose.ROLE: [
        "What problems do you solve day to day in this role?",
        "What background do people in this role usually have?",
        "How do people in this role grow, and what comes next?",
        "What surprised you most when you started?",
    ],
    Purpose.ADVICE: [
        "Given my background, how would you approach this move?",
        "What would you do differently if you were starting out today?",
        "Looking at my resume, what stands out and what is missing?",
        "What is the one thing I should learn next?",
    ],
    Purpose.INTRODUCTIONS: [
        "Who else should I be talking to?",
        "May I mention your name when I contact them?",
        "Is there anyone at a company I should learn about that you could introduce me to?",
        "How can I help you in return?",
    ],
}
