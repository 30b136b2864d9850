"""scraper: news-article scraper and structured extractor."""

from scraper.errors import ScraperError
from scraper.extract import extract

__version__ = "0.1.0"
__all__ = ["ScraperError", "__version__", "extract"]
