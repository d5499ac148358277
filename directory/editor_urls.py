"""The directory editors' pages, under /directory/manage/."""

urlpatterns: list = []
