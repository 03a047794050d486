from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Speak the language the person chose (language cookie), else Simplified Chinese.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which would show
    English to a county clerk whose browser happens to be English; here Chinese is the
    default and English is opt-in from the language switcher.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
