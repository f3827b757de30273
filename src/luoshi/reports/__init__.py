"""Reports of the ledger: the 任务分解表 / 台账 as .xlsx, the 督查通报 as .docx (GB/T 9704
layout), JSON and CSV of any list. They take what the ledger services return (task views,
score rows), so they never bypass the services' rights."""
