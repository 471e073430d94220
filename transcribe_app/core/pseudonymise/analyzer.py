"""The Presidio analyzer for Danish: a blank spaCy pipeline (or the user's NER model) plus our recognizers.

Nothing is downloaded: Presidio's spaCy engine would fetch a missing model,
so ours loads only a blank ``da`` pipeline or a model the user already has.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache

from ..errors import BadInputError
from ..project.record import RosterEntry
from .lexicon import danish_lexicon
from .state import DetectionSettings  # the stored settings live with the stored state

log = logging.getLogger(__name__)

# Danish spaCy pipelines with NER a user may have installed (pip install da_core_news_lg …).
KNOWN_NER_MODELS = (
    "da_dacy_large_trf", "da_dacy_medium_trf", "da_dacy_small_trf",  # DaCy (Aarhus University)
    "da_core_news_trf", "da_core_news_lg", "da_core_news_md", "da_core_news_sm",  # spaCy's own
)  # fmt: skip
# The score an NER guess gets: review, unless a list or the roster agrees.
NER_SCORE = 0.6


def installed_ner_models() -> list[str]:
    """The Danish NER models this Python can load (checked at run time; none is required)."""
    return [name for name in KNOWN_NER_MODELS if importlib.util.find_spec(name) is not None]


@lru_cache(maxsize=2)
def _nlp_engine(model: str | None):
    import spacy
    from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

    class DanishNlpEngine(SpacyNlpEngine):
        def _doc_to_nlp_artifact(self, doc, language):
            if model:
                return super()._doc_to_nlp_artifact(doc, language)
            # A blank pipeline has no lemmas or entities, and our recognizers use no context words:
            # skipping the per-token lemma and keyword lists halves Presidio's own cost.
            return NlpArtifacts([], doc, [], [], None, language)

        def load(self) -> None:  # never Presidio's download-if-missing
            try:
                self.nlp = {"da": spacy.load(model) if model else spacy.blank("da")}
            except OSError as error:
                raise BadInputError(
                    f"The Danish language model “{model}” is not installed here. Install it (for example "
                    f"pip install {model}) or turn the extra name finder off; the name lists work without it."
                ) from error

    mapping = {
        "PER": "PERSON",
        "PERSON": "PERSON",
        "LOC": "LOCATION",
        "GPE": "LOCATION",
        "ORG": "ORGANIZATION",
    }
    configuration = NerModelConfiguration(
        model_to_presidio_entity_mapping=mapping,
        labels_to_ignore=["MISC"],
        low_score_entity_names=[],
        default_score=NER_SCORE,
    )
    engine = DanishNlpEngine(
        models=[{"lang_code": "da", "model_name": model or "blank"}], ner_model_configuration=configuration
    )
    engine.load()
    return engine


def build_analyzer(roster: list[RosterEntry], added: list[tuple[str, str]], settings: DetectionSettings):
    """An AnalyzerEngine for Danish with the roster, the lists and the names the user added."""
    # Presidio (spaCy, PyTorch) loads here, when names are first looked for, not when the window opens.
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    from .recognizers import (
        AddedNameRecognizer,
        DanishNameRecognizer,
        MunicipalityRecognizer,
        OrganisationRecognizer,
        PlaceRecognizer,
        RosterRecognizer,
    )

    lexicon = danish_lexicon()
    registry = RecognizerRegistry(supported_languages=["da"])
    recognizers = [
        RosterRecognizer(roster, lexicon),
        DanishNameRecognizer(lexicon),
        MunicipalityRecognizer(lexicon),
    ]
    if added:
        recognizers.append(AddedNameRecognizer(added))
    if settings.places:
        recognizers.append(PlaceRecognizer(lexicon))
    if settings.organisations:
        recognizers.append(OrganisationRecognizer(lexicon))
    if settings.ner_model:
        recognizers.append(
            SpacyRecognizer(
                supported_language="da",
                supported_entities=["PERSON", "LOCATION", "ORGANIZATION"],
                ner_strength=NER_SCORE,
                name="spaCy NER",
            )
        )
    for recognizer in recognizers:
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        nlp_engine=_nlp_engine(settings.ner_model),
        registry=registry,
        supported_languages=["da"],
        context_aware_enhancer=_no_context_words(),
    )


def _no_context_words():
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

    class NoContextWords(ContextAwareEnhancer):
        """Our recognizers weigh their own context (titles, sentence starts); Presidio's word-context
        boost would only deep-copy every result."""

        def __init__(self):
            super().__init__(0, 0, 0, 0)

        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
            return raw_results

    return NoContextWords()
