"""`trichxuat scrape`: a polite, resumable crawler for legal portals and lists of URLs."""

from .crawl import CrawlOptions, CrawlSummary, crawl, read_url_list
from .fetch import FetchPolicy

__all__ = ["CrawlOptions", "CrawlSummary", "FetchPolicy", "crawl", "read_url_list"]
